ALTER TABLE "workflow_runs" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "failed_stage" text;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "failed_agent" text;