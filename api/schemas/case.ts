// The case as the API shows it (docs/process.md "The case as read"): the live view, a list row, the timeline.
import { z } from "zod";
import { networks } from "../../workflows/message";
import { caseViewSchema, statuses } from "../../workflows/view";

export const caseIdParams = z.object({ caseId: z.string().min(1).max(700) });

const instant = z.string().describe("ISO 8601 instant");

/** The live view: one schema, the workflow's own (workflows/view.ts). */
export { caseViewSchema };

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
        answered: z
          .boolean()
          .describe(
            "received before this case and answered: a repeat's earlier case (triage `repeatOf`); closed cases are listed too, only open ones can be merged into",
          ),
      }),
    ),
  })
  .meta({ id: "DuplicateSuggestions" });
