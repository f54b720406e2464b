ALTER TABLE "drafts" ADD COLUMN "checks" jsonb;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "draft_checks" jsonb;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "spelling_words" text[] DEFAULT '{}'::text[] NOT NULL;