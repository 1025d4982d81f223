CREATE TABLE "project_quality_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" integer,
	"overall_score" integer NOT NULL,
	"total_files" integer NOT NULL,
	"total_lines" integer NOT NULL,
	"critical" integer NOT NULL,
	"high" integer NOT NULL,
	"medium" integer NOT NULL,
	"low" integer NOT NULL,
	"analyzed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "code_analysis_issues" ADD COLUMN "fingerprint" text;--> statement-breakpoint
-- Findings stored before fingerprints were kept get the ones the analyser and the AI review gave them, from the stored
-- code: static, sha256 of "rule|line text trimmed with runs of whitespace as one space|occurrence of that pair";
-- AI, sha256 of "AI|title|trimmed line text"; both cut to 32 hex digits. The class is JavaScript's \s (what trim removes).
WITH "ws" AS (SELECT '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]' AS "class"),
"located" AS (
  SELECT i."id", i."analysis_id", i."position", i."source", i."rule_id", i."title",
    split_part(a."code", E'\n', i."line") AS "text"
  FROM "code_analysis_issues" i JOIN "code_analyses" a ON a."id" = i."analysis_id"
  WHERE i."fingerprint" IS NULL
),
"keyed" AS (
  SELECT l.*, l."rule_id" || '|' || btrim(regexp_replace(l."text", ws."class" || '+', ' ', 'g'), ' ') AS "key",
    regexp_replace(l."text", '^' || ws."class" || '+|' || ws."class" || '+$', '', 'g') AS "trimmed"
  FROM "located" l CROSS JOIN "ws"
),
"counted" AS (
  SELECT k.*, row_number() OVER (PARTITION BY k."analysis_id", k."source", k."key" ORDER BY k."position") - 1 AS "occurrence"
  FROM "keyed" k
)
UPDATE "code_analysis_issues" i SET "fingerprint" = left(encode(sha256(convert_to(
  CASE WHEN c."source" = 'ai' THEN 'AI|' || c."title" || '|' || c."trimmed" ELSE c."key" || '|' || c."occurrence" END, 'UTF8')), 'hex'), 32)
FROM "counted" c WHERE c."id" = i."id";--> statement-breakpoint
ALTER TABLE "code_analysis_issues" ALTER COLUMN "fingerprint" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "project_quality_reports" ADD CONSTRAINT "project_quality_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_quality_reports" ADD CONSTRAINT "project_quality_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_quality_reports_project_analyzed_idx" ON "project_quality_reports" USING btree ("project_id","analyzed_at" DESC);