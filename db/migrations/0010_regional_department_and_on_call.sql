ALTER TABLE "departments" ADD COLUMN "on_call" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "regional_department_email" text;