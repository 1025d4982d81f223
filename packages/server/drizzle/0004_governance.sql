CREATE TABLE "audit_logs" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" integer,
	"resource_id" text,
	"organization_id" integer,
	"status" text NOT NULL,
	"payload" jsonb NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "multisig_policies" (
	"operation_type" text PRIMARY KEY NOT NULL,
	"required_signatures" integer NOT NULL,
	"expiry_hours" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "multisig_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"operation_type" text NOT NULL,
	"requester_id" integer,
	"payload" jsonb NOT NULL,
	"payload_hash" text NOT NULL,
	"required_signatures" integer NOT NULL,
	"allowed_roles" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"reason" text,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "multisig_signatures" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"signer_id" integer NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "profile_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "profile_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"profile_id" text NOT NULL,
	"role" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"failed" boolean NOT NULL,
	"agreed" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"experiment_id" text NOT NULL,
	"previous_version_id" text,
	"request_id" text NOT NULL,
	"reason" text NOT NULL,
	"measured" jsonb NOT NULL,
	"claimed" jsonb,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"config" jsonb NOT NULL,
	"stage" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"quarantine_id" text,
	"reevaluated_from" text,
	"reevaluated_as" text,
	"accuracy" double precision,
	"precision" double precision,
	"recall" double precision,
	"evaluated_samples" integer,
	"evaluated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "multisig_policies" ADD CONSTRAINT "multisig_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multisig_requests" ADD CONSTRAINT "multisig_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multisig_requests" ADD CONSTRAINT "multisig_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multisig_signatures" ADD CONSTRAINT "multisig_signatures_request_id_multisig_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."multisig_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multisig_signatures" ADD CONSTRAINT "multisig_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multisig_signatures" ADD CONSTRAINT "multisig_signatures_key_id_signing_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."signing_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_requests" ADD CONSTRAINT "profile_requests_profile_id_review_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."review_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_experiment_id_review_profiles_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."review_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_previous_version_id_review_profiles_id_fk" FOREIGN KEY ("previous_version_id") REFERENCES "public"."review_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_request_id_multisig_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."multisig_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_profiles" ADD CONSTRAINT "review_profiles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_logs_timestamp_idx" ON "audit_logs" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "audit_logs_entity_action_idx" ON "audit_logs" USING btree ("entity","action");--> statement-breakpoint
CREATE INDEX "audit_logs_actor_id_idx" ON "audit_logs" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "multisig_requests_status_idx" ON "multisig_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "multisig_signatures_request_signer_key" ON "multisig_signatures" USING btree ("request_id","signer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_fingerprint_key" ON "signing_keys" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "signing_keys_user_id_idx" ON "signing_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "profile_requests_profile_created_idx" ON "profile_requests" USING btree ("profile_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_profiles_quarantine_id_key" ON "review_profiles" USING btree ("quarantine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_profiles_one_production" ON "review_profiles" USING btree ("stage") WHERE stage = 'production';--> statement-breakpoint
CREATE INDEX "review_profiles_stage_idx" ON "review_profiles" USING btree ("stage");