CREATE TABLE "calendar_versions" (
	"version" serial PRIMARY KEY NOT NULL,
	"calendar_id" text NOT NULL,
	"year" integer NOT NULL,
	"decree" jsonb NOT NULL,
	"xml" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_calendar_days" (
	"org_id" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_calendar_days_org_id_date_pk" PRIMARY KEY("org_id","date")
);
--> statement-breakpoint
ALTER TABLE "org_calendar_days" ADD CONSTRAINT "org_calendar_days_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_versions_year" ON "calendar_versions" USING btree ("calendar_id","year");