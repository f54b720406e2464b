CREATE TABLE "feed_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"feed_id" text NOT NULL,
	"external_id" text,
	"status" text NOT NULL,
	"reason" text,
	"case_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"secret" text,
	"mapping" jsonb NOT NULL,
	"url" text,
	"interval_seconds" integer,
	"cursor" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_accounts" (
	"org_id" text NOT NULL,
	"network" text NOT NULL,
	"base_url" text,
	"credentials" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_accounts_org_id_network_pk" PRIMARY KEY("org_id","network")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"key" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"network" text NOT NULL,
	"target" text NOT NULL,
	"state" text NOT NULL,
	"external_id" text,
	"url" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "answer_working_minutes" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "author_key" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_accounts" ADD CONSTRAINT "network_accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_items_feed_idx" ON "feed_items" USING btree ("feed_id","at");--> statement-breakpoint
CREATE INDEX "publications_case_idx" ON "publications" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_org_received_idx" ON "cases" USING btree ("org_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_url_idx" ON "cases" USING btree ("org_id","url");