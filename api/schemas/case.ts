// The case as the API shows it (docs/process.md "The case as read"): the live view, a list row, the timeline.
import { z } from "zod";
import { findingSchema } from "../../workflows/actions";
import { networks } from "../../workflows/message";
import { statuses } from "../../workflows/view";

export const caseIdParams = z.object({ caseId: z.string().min(1).max(700) });

const instant = z.string().describe("ISO 8601 instant");
const stepSchema = z.object({
  budget: z.string(),
  clock: z.enum(["working", "workdays", "wall"]),
  startedAt: instant.optional(),
  dueAt: instant.optional(),
  warnAt: instant.optional(),
  metAt: instant.optional(),
  breachedAt: instant.optional(),
  cancelled: z.boolean().optional(),
  limit: z
    .boolean()
    .optional()
    .describe("a window that limits a right (the return window): never breached; a use after it is late"),
  round: z.number().int(),
  source: z.string().describe("the regulation's paragraph that sets the budget"),
  spentMinutes: z
    .number()
    .optional()
    .describe("a cap over several stretches (executorTotal): minutes used in the stretches that ended"),
  runningSince: instant.optional().describe("a cap: the start of the running stretch"),
  pausedAt: instant.optional().describe("a cap stopped while the draft is with the curator"),
});

const reviewSchema = z.object({
  tier: z.enum(["single", "municipal", "regional"]),
  by: z.string(),
  at: instant,
  verdict: z.enum(["approved", "rework"]),
  reasons: z.array(z.string()).optional(),
  comment: z.string().optional(),
});

const draftKind = z.enum(["final", "interim", "clarification", "explanation", "link"]);

export const caseViewSchema = z
  .object({
    caseId: z.string(),
    workflowId: z.string(),
    org: z.string(),
    regulation: z.string(),
    status: z.enum(statuses),
    reviewTier: z.enum(["single", "municipal", "regional"]).optional(),
    importance: z.enum(["normal", "high"]),
    topic: z.string().optional(),
    location: z.string().optional(),
    significant: z.boolean(),
    emergency: z.boolean(),
    overdue: z.boolean(),
    message: z.object({
      source: z.string(),
      externalId: z.string(),
      network: z.enum(networks),
      channel: z.string(),
      url: z.string(),
      text: z.string(),
      attachments: z.array(z.string()),
      publishedAt: instant,
      detectedAt: instant,
      author: z
        .object({
          name: z.string().optional(),
          profileUrl: z.string().optional(),
          networkUserId: z.string().optional(),
        })
        .optional()
        .describe("personal data: only for staff of the case's org"),
    }),
    assignees: z.array(
      z.object({
        staffId: z.string(),
        role: z.enum(["executor", "co-executor", "composer"]),
        order: z.number().int().optional(),
        department: z.string().optional(),
        acceptedAt: instant.optional().describe("when this assignee accepted his part"),
      }),
    ),
    contributions: z.array(
      z.object({
        staffId: z.string(),
        text: z.string(),
        attachments: z.array(z.string()).optional(),
        at: instant,
        checks: z.array(findingSchema).optional().describe("the draft checks' findings on the part"),
      }),
    ),
    drafts: z.array(
      z.object({
        version: z.number().int(),
        kind: draftKind,
        text: z.string(),
        attachments: z.array(z.string()).optional(),
        by: z.string(),
        at: instant,
        reviews: z.array(reviewSchema),
        checks: z
          .array(findingSchema)
          .optional()
          .describe("the draft checks' findings ([] none); absent on drafts of cases started before them"),
        suggestedReasons: z
          .array(z.string())
          .optional()
          .describe("rework reasons the findings suggest, to pre-fill the curator's `rework`"),
      }),
    ),
    publications: z.array(
      z.object({
        kind: draftKind,
        url: z.string(),
        at: instant,
        by: z.string(),
        draftVersion: z.number().int(),
      }),
    ),
    steps: z.record(z.string(), stepSchema),
    answerDueAt: instant.optional(),
    linkedTo: z.string().optional(),
    mergedInto: z.string().optional(),
    generalInterest: z
      .object({
        section: z.string(),
        draftVersion: z.number().int(),
        state: z.enum(["pending", "posting", "published", "manual"]),
        url: z.string().optional(),
        reason: z.string().optional(),
      })
      .optional()
      .describe(
        "the answer also posted to the site section (Yuzhno-Sakhalinsk 3.5); `manual`: a person posts it",
      ),
    handedOver: z
      .object({
        to: z.literal("regional-department"),
        note: z.string().optional(),
        by: z.string(),
        at: instant,
        draftVersion: z.number().int(),
      })
      .optional()
      .describe(
        "the answer handed over to the regional department instead of published (Yuzhno-Sakhalinsk 3.3)",
      ),
    mergeNote: z
      .string()
      .optional()
      .describe("a merge that mixed a direct message with public posts says so (Yuzhno-Sakhalinsk 1.4, 3.4)"),
    rejection: z.object({ ground: z.string(), comment: z.string().optional() }).optional(),
    explanationReason: z.string().optional(),
    returns: z.number().int(),
    reworkRounds: z.number().int(),
    answerWorkingMinutes: z
      .number()
      .int()
      .optional()
      .describe("working minutes from the answer clock's start to the first published answer"),
    delivery: z
      .object({
        draftVersion: z.number().int(),
        network: z.string(),
        state: z.enum(["posting", "manual", "published"]),
        reason: z.string().optional(),
      })
      .optional()
      .describe("posting the approved draft through the network's API; `manual`: a person posts it"),
    merged: z
      .array(
        z.object({
          caseId: z.string(),
          network: z.string(),
          channel: z.string(),
          url: z.string(),
          at: z.string(),
          fromPublication: z.number().int(),
          replies: z.array(
            z.object({
              draftVersion: z.number().int(),
              url: z.string().optional(),
              state: z.enum(["published", "manual", "failed", "withheld"]),
              reason: z.string().optional(),
              at: z.string(),
            }),
          ),
        }),
      )
      .optional()
      .describe("posts merged into this case: each gets a copy of every answer (incident grouping)"),
    seq: z.number().int().describe("sequence number of the case's last event"),
  })
  .meta({ id: "CaseView", description: "The case as read (docs/process.md)" });

export const caseSummarySchema = z.object({
  caseId: z.string(),
  org: z.string(),
  regulation: z.string(),
  status: z.enum(statuses),
  importance: z.string(),
  topic: z.string().nullable(),
  location: z.string().nullable(),
  significant: z.boolean(),
  emergency: z.boolean(),
  overdue: z.boolean(),
  network: z.string(),
  channel: z.string(),
  url: z.string(),
  text: z.string(),
  assignees: z.array(z.string()),
  departments: z.array(z.string()),
  answerDueAt: z.string().nullable(),
  receivedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** `nextCursor` of GET /v1/cases: `<created_at in microseconds>~<case id>` (api/services/cases.ts). */
export const cursorPattern = /^(-?\d{1,16})~([A-Za-z0-9._:-]{1,700})$/;

// The years PostgreSQL's timestamptz and JavaScript's Date both hold, and that every case falls within.
const earliest = Date.UTC(1, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A bound of a time filter: any ISO 8601 instant, clamped to the years 1 to 9999 (a bound outside them
 * selects what the clamped one does; PostgreSQL refuses such years and offsets past ±15:59).
 */
const instantBound = z.iso.datetime({ offset: true }).transform((s, ctx) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: "custom", message: "not an instant" });
    return z.NEVER;
  }
  return new Date(Math.min(Math.max(t, earliest), latest)).toISOString();
});

/** A comma-separated list of these values (empty items ignored), as a pattern the document carries. */
export const listOf = (values: readonly string[]) => {
  const one = `(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})?`;
  return z
    .string()
    .regex(new RegExp(`^${one}(?:,${one})*$`), `comma-separated, each one of: ${values.join(", ")}`)
    .transform((s) => s.split(",").filter(Boolean));
};

const statusList = listOf(statuses);

export const caseListQuery = z.object({
  org: z.string().optional().describe("your own org (the default); another org's cases are never listed"),
  status: statusList.optional().describe("comma-separated statuses"),
  assignee: z.string().optional().describe("a staff id among the case's assignees"),
  importance: z.enum(["normal", "high"]).optional(),
  topic: z.string().optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((s) => s === "true")
    .optional(),
  createdFrom: instantBound.optional(),
  createdTo: instantBound.optional().describe("exclusive"),
  q: z.string().min(1).max(200).optional().describe("text search in the message, topic, location and URL"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(cursorPattern).optional().describe("`nextCursor` of the previous page"),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
});

export const timelineSchema = z.object({
  caseId: z.string(),
  events: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      type: z.string(),
      actor: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
});

export const duplicatesQuery = z.object({
  windowHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const duplicatesSchema = z
  .object({
    caseId: z.string(),
    items: z.array(
      z.object({
        caseId: z.string(),
        status: z.enum(statuses),
        network: z.enum(networks),
        url: z.string(),
        topic: z.string().nullable(),
        receivedAt: instant,
        score: z.number(),
        similarity: z.number().describe("Jaccard similarity of the texts, 0..1"),
        reasons: z.array(z.enum(["same_post", "same_thread", "same_author_topic", "similar_text"])),
      }),
    ),
  })
  .meta({ id: "DuplicateSuggestions" });
