CREATE TABLE "marketplace_plugins" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"latest_version" text NOT NULL,
	"description" text NOT NULL,
	"long_description" text NOT NULL,
	"category" text NOT NULL,
	"author" text NOT NULL,
	"homepage" text NOT NULL,
	"repository" text NOT NULL,
	"tags" jsonb NOT NULL,
	"dependencies" jsonb NOT NULL,
	"min_platform_version" text NOT NULL,
	"max_platform_version" text NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	"rating" double precision DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plugin_installations" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"plugin_id" integer NOT NULL,
	"version" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sealed_settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plugin_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"plugin_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"rating" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugin_reviews_rating_range" CHECK ("plugin_reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "plugin_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"plugin_id" integer NOT NULL,
	"version" text NOT NULL,
	"manifest" jsonb,
	"problem" text,
	"dir" text NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "plugin_installations" ADD CONSTRAINT "plugin_installations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plugin_installations" ADD CONSTRAINT "plugin_installations_plugin_id_marketplace_plugins_id_fk" FOREIGN KEY ("plugin_id") REFERENCES "public"."marketplace_plugins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plugin_reviews" ADD CONSTRAINT "plugin_reviews_plugin_id_marketplace_plugins_id_fk" FOREIGN KEY ("plugin_id") REFERENCES "public"."marketplace_plugins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plugin_reviews" ADD CONSTRAINT "plugin_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plugin_versions" ADD CONSTRAINT "plugin_versions_plugin_id_marketplace_plugins_id_fk" FOREIGN KEY ("plugin_id") REFERENCES "public"."marketplace_plugins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "marketplace_plugins_slug_key" ON "marketplace_plugins" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "marketplace_plugins_category_idx" ON "marketplace_plugins" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_installations_user_plugin_key" ON "plugin_installations" USING btree ("user_id","plugin_id");--> statement-breakpoint
CREATE INDEX "plugin_installations_plugin_idx" ON "plugin_installations" USING btree ("plugin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_reviews_plugin_user_key" ON "plugin_reviews" USING btree ("plugin_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plugin_versions_plugin_version_key" ON "plugin_versions" USING btree ("plugin_id","version");