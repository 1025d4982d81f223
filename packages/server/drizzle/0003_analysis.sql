CREATE TABLE "code_analyses" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"status" text NOT NULL,
	"language" text NOT NULL,
	"file_path" text,
	"project_ref" text,
	"code" text NOT NULL,
	"rules" jsonb NOT NULL,
	"locale" text NOT NULL,
	"score" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "code_analysis_issues" (
	"id" text PRIMARY KEY NOT NULL,
	"analysis_id" text NOT NULL,
	"position" integer NOT NULL,
	"rule_id" text NOT NULL,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"confidence" text NOT NULL,
	"cwe" text,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"suggestion" text NOT NULL,
	"line" integer NOT NULL,
	"column" integer NOT NULL,
	"end_line" integer NOT NULL,
	"end_column" integer NOT NULL,
	"fixable" boolean NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "code_analyses" ADD CONSTRAINT "code_analyses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_analysis_issues" ADD CONSTRAINT "code_analysis_issues_analysis_id_code_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."code_analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "code_analyses_user_created_idx" ON "code_analyses" USING btree ("user_id","created_at" DESC);--> statement-breakpoint
CREATE INDEX "code_analysis_issues_analysis_idx" ON "code_analysis_issues" USING btree ("analysis_id","position");