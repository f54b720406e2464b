// The read model, the audit trail, staff and calendars (docs/architecture.md "Data"). The workflow is the
// source of truth for a live case; these tables are its projection, written idempotently by activities.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Finding, OrgCheckSettings } from "../checks/types";
// The case's vocabularies, from their one source (workflows/view.ts): a column holds one of them.
import { answerKinds, importances, reviewTiers, statuses } from "../workflows/view";
import { ts } from "./columns";

/** One person of a department's on-call list (Yuzhno-Sakhalinsk 3.9 «список лиц (с номерами сотовых телефонов)»). */
export interface OnCallPerson {
  name: string;
  phone: string;
  email?: string;
  /** «в рабочее и нерабочее время»: when this person is on call. */
  hours: "working" | "non-working" | "always";
}

export const orgs = pgTable("orgs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  regulation: text("regulation").notNull(),
  calendarId: text("calendar_id").notNull().default("ru"),
  zone: text("zone").notNull(),
  /** Working hours override (calendars Schedule); null = the regulation's default. */
  schedule: jsonb("schedule"),
  /** Topics whose answer budget is 4 h by order (Nenets 16). */
  urgentTopics: text("urgent_topics").array().notNull().default(sql`'{}'::text[]`),
  /** The one address told of breaches, significant messages and the monthly report, unless `recipients` names them. */
  escalationEmail: text("escalation_email"),
  /** Recipients per duty (activities/recipients.ts): breach officials by topic/department, report, head. */
  recipients: jsonb("recipients"),
  /** The appeals office that registers formal appeals under 59-FZ (Yuzhno-Sakhalinsk 3.8). */
  appealsEmail: text("appeals_email"),
  /** The regional department of information policy, told of every answer (Yuzhno-Sakhalinsk 3.2 ¶3, 3.3). */
  regionalDepartmentEmail: text("regional_department_email"),
  webhookUrl: text("webhook_url"),
  /** Draft checks (checks/types.ts OrgCheckSettings): which run, which block; null = the defaults. */
  draftChecks: jsonb("draft_checks").$type<OrgCheckSettings>(),
  /** The org's own words for the spelling check: streets, officials' surnames, local terms. */
  spellingWords: text("spelling_words").array().notNull().default(sql`'{}'::text[]`),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const departments = pgTable("departments", {
  id: text("id").primaryKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => orgs.id),
  name: text("name").notNull(),
  /** The head of the department, copied on its assignments where the regulation says so (Plastunovskaya 10 ¶2). */
  headEmail: text("head_email"),
  /**
   * Who answers for the department in emergencies, in working and non-working time (Yuzhno-Sakhalinsk 3.9):
   * `[{name, phone, email?, hours}]` (api/routes/v1/orgs/on-call.ts); an emergency assignment goes to them too.
   */
  onCall: jsonb("on_call").$type<OnCallPerson[]>().notNull().default([]),
});

export const staff = pgTable(
  "staff",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    departmentId: text("department_id").references(() => departments.id),
    name: text("name").notNull(),
    email: text("email"),
    /** integrator | curator | executor | supervisor | admin | platform-admin */
    roles: text("roles").array().notNull(),
    /** Two-tier orgs (Plastunovskaya): regional | municipal. */
    curatorTier: text("curator_tier"),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    active: boolean("active").notNull().default(true),
  },
  (t) => [index("staff_org_idx").on(t.orgId)],
);

export const apiKeys = pgTable("api_keys", {
  id: text("id").primaryKey(),
  staffId: text("staff_id")
    .notNull()
    .references(() => staff.id),
  /** sha256 of the key; the key itself is shown once. */
  hash: text("hash").notNull().unique(),
  createdAt: ts("created_at").notNull().defaultNow(),
  revokedAt: ts("revoked_at"),
  /** Refused from this instant on (null: until revoked). */
  expiresAt: ts("expires_at"),
  /** The last request made with it, to the minute (api/plugins/auth.ts). */
  lastUsedAt: ts("last_used_at"),
});

export const routingRules = pgTable("routing_rules", {
  id: serial("id").primaryKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => orgs.id),
  topic: text("topic").notNull(),
  location: text("location"),
  departmentId: text("department_id")
    .notNull()
    .references(() => departments.id),
});

export const cases = pgTable(
  "cases",
  {
    caseId: text("case_id").primaryKey(),
    workflowId: text("workflow_id").notNull(),
    orgId: text("org_id").notNull(),
    regulation: text("regulation").notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    status: text("status", { enum: statuses }).notNull(),
    reviewTier: text("review_tier", { enum: reviewTiers }),
    importance: text("importance", { enum: importances }).notNull(),
    topic: text("topic"),
    location: text("location"),
    significant: boolean("significant").notNull().default(false),
    emergency: boolean("emergency").notNull().default(false),
    overdue: boolean("overdue").notNull().default(false),
    network: text("network").notNull(),
    channel: text("channel").notNull(),
    url: text("url").notNull(),
    text: text("text").notNull(),
    publishedAt: ts("published_at").notNull(),
    detectedAt: ts("detected_at").notNull(),
    receivedAt: ts("received_at").notNull(),
    answerDueAt: ts("answer_due_at"),
    assignees: text("assignees").array().notNull().default(sql`'{}'::text[]`),
    /** Executors who held the case until a substitute took over (`reassign`, workflows/substitutes.ts). */
    relieved: text("relieved").array().notNull().default(sql`'{}'::text[]`),
    departments: text("departments").array().notNull().default(sql`'{}'::text[]`),
    linkedTo: text("linked_to"),
    mergedInto: text("merged_into"),
    reworkRounds: integer("rework_rounds").notNull().default(0),
    returns: integer("returns").notNull().default(0),
    firstAnsweredAt: ts("first_answered_at"),
    /** Working minutes from detection to the first published answer, on the org's calendar (reports). */
    answerWorkingMinutes: integer("answer_working_minutes"),
    /** sha256 of network + the author's network id or profile: matches posts of one author (duplicates) without personal data. */
    authorKey: text("author_key"),
    closedAt: ts("closed_at"),
    /** The workflow's getCase view at `lastSeq` (served once the workflow is closed). */
    snapshot: jsonb("snapshot").notNull(),
    lastSeq: integer("last_seq").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("cases_org_status_idx").on(t.orgId, t.status),
    index("cases_org_created_idx").on(t.orgId, t.createdAt, t.caseId),
    index("cases_assignees_idx").using("gin", t.assignees),
    index("cases_org_received_idx").on(t.orgId, t.receivedAt),
    index("cases_url_idx").on(t.orgId, t.url),
  ],
);

/** Author personal data (Yuzhno-Sakhalinsk 1.4), apart from the read model so that it can be guarded. */
export const caseAuthors = pgTable("case_authors", {
  caseId: text("case_id")
    .primaryKey()
    .references(() => cases.caseId),
  author: jsonb("author").notNull(),
});

/** Append-only audit trail: one row per workflow event, keyed by case and sequence. */
export const caseEvents = pgTable(
  "case_events",
  {
    caseId: text("case_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    actor: text("actor"),
    at: ts("at").notNull(),
    data: jsonb("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.seq] })],
);

export const drafts = pgTable(
  "drafts",
  {
    caseId: text("case_id").notNull(),
    version: integer("version").notNull(),
    kind: text("kind", { enum: answerKinds }).notNull(),
    text: text("text").notNull(),
    by: text("by").notNull(),
    at: ts("at").notNull(),
    /** The draft checks' findings ([{code, message, at?}]); null: drafted before the checks. */
    checks: jsonb("checks").$type<Finding[]>(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.version] })],
);

export const reviews = pgTable(
  "reviews",
  {
    caseId: text("case_id").notNull(),
    draftVersion: integer("draft_version").notNull(),
    tier: text("tier", { enum: reviewTiers }).notNull(),
    by: text("by").notNull(),
    at: ts("at").notNull(),
    verdict: text("verdict", { enum: ["approved", "rework"] }).notNull(),
    reasons: text("reasons").array(),
    comment: text("comment"),
  },
  (t) => [uniqueIndex("reviews_unique").on(t.caseId, t.draftVersion, t.tier)],
);

/** Every step's clock as the workflow last armed it; breaches feed escalation and the monthly report. */
export const caseSteps = pgTable(
  "case_steps",
  {
    caseId: text("case_id").notNull(),
    step: text("step").notNull(),
    round: integer("round").notNull().default(0),
    budget: text("budget").notNull(),
    clock: text("clock").notNull(),
    startedAt: ts("started_at"),
    dueAt: ts("due_at"),
    metAt: ts("met_at"),
    breachedAt: ts("breached_at"),
    /** The step stopped applying before it was met (merged, handed off, re-routed): neither met nor breached. */
    cancelled: boolean("cancelled").notNull().default(false),
    actor: text("actor"),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.step, t.round] })],
);

/** Outbound notifications, keyed so that a retried activity never sends twice. */
export const notifications = pgTable("notifications", {
  key: text("key").primaryKey(),
  caseId: text("case_id"),
  channel: text("channel").notNull(),
  recipient: text("recipient").notNull(),
  subject: text("subject").notNull(),
  sentAt: ts("sent_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const monthlyReports = pgTable(
  "monthly_reports",
  {
    orgId: text("org_id").notNull(),
    month: text("month").notNull(),
    data: jsonb("data").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] })],
);

/**
 * Monitoring feeds (issue "Reaching the outside world"): `push` feeds call POST /v1/feeds/:id/webhook signed
 * with HMAC-SHA256 of the raw body under `secret`; `pull` feeds are read by the feed poller workflow on a
 * Temporal Schedule every `intervalSeconds` from `url`, resuming at `cursor`. `mapping` turns a feed item
 * into a message (zod-validated, see the feeds module). Secrets are sealed (db/secrets.ts).
 */
export const feeds = pgTable("feeds", {
  id: text("id").primaryKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => orgs.id),
  kind: text("kind").notNull(),
  /** The message `source` of its items (part of the case id). */
  source: text("source").notNull(),
  /** Sealed: the HMAC secret (push) or the bearer token of the endpoint (pull, optional). */
  secret: text("secret"),
  mapping: jsonb("mapping").notNull(),
  url: text("url"),
  intervalSeconds: integer("interval_seconds"),
  /** Pull: the cursor of the next page to read; advanced only after the page's cases were started. */
  cursor: text("cursor"),
  active: boolean("active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Every item a feed delivered: accepted (with its case), duplicate or rejected (with the reason). */
export const feedItems = pgTable(
  "feed_items",
  {
    id: serial("id").primaryKey(),
    feedId: text("feed_id").notNull(),
    /** The item's id in the feed when it could be read; null for items rejected before that. */
    externalId: text("external_id"),
    status: text("status").notNull(),
    reason: text("reason"),
    caseId: text("case_id"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("feed_items_feed_idx").on(t.feedId, t.at)],
);

/** An org's account on a network, for publishing replies (activities/publishers). Credentials are sealed. */
export const networkAccounts = pgTable(
  "network_accounts",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    network: text("network").notNull(),
    /** The API's base URL; null = the network's public API. Tests point it at a loopback server. */
    baseUrl: text("base_url"),
    /** Sealed JSON: community token, bot token, OK keys, the site's webhook secret. */
    credentials: text("credentials").notNull(),
    /** Non-secret settings: VK group id, OK application key, the site section's URL. */
    settings: jsonb("settings").notNull().default({}),
    active: boolean("active").notNull().default(true),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.network] })],
);

/**
 * Replies posted through a network API, keyed by case, draft version and target post (idempotency: a
 * retried publish finds its row and never posts twice). `pending` is written before the call.
 */
export const publications = pgTable(
  "publications",
  {
    key: text("key").primaryKey(),
    caseId: text("case_id").notNull(),
    network: text("network").notNull(),
    target: text("target").notNull(),
    state: text("state").notNull(),
    externalId: text("external_id"),
    url: text("url"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    publishedAt: ts("published_at"),
  },
  (t) => [index("publications_case_idx").on(t.caseId)],
);

/**
 * The API's request counters (api/plugins/rate-limit.ts), shared by every API instance: one fixed window per
 * credential (a hashed token or API key, or an anonymous caller's address).
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: ts("window_start").notNull(),
  hits: integer("hits").notNull(),
});

// The calendar tables: national run-time overrides, versions, the org's own layer (db/calendar-schema.ts).
export * from "./calendar-schema";
