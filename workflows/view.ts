// The case as read (docs/process.md "The case as read"): the getCase query, GET /v1/cases/:caseId, the read
// model. One source: the zod schemas below; the types are derived from them and the API answers with them.
// The workflow imports this file for its types only (`import type`), so the workflow bundle never builds these
// schemas for each case it loads; the values a case needs at run time are in vocabulary.ts, finding.ts and
// opening.ts.
import { z } from "zod";
import { reviewReasons } from "../regulations/schema";
import { findingSchema } from "./finding";
import { channels, networks } from "./message";
import { answerKinds, clockKinds, importances, reviewTiers, statuses } from "./vocabulary";

export {
  answerKinds,
  clockKinds,
  closedStatuses,
  importances,
  type ReviewTier,
  reviewTiers,
  type Status,
  statuses,
} from "./vocabulary";

const instant = z.string().describe("ISO 8601 instant");

export { findingSchema } from "./finding";

export const assigneeSchema = z.object({
  staffId: z.string(),
  role: z.enum(["executor", "co-executor", "composer"]),
  order: z.number().int().optional(),
  department: z.string().optional(),
  acceptedAt: instant
    .optional()
    .describe("when this assignee accepted his own part (co-executors act for themselves)"),
});
export type Assignee = z.infer<typeof assigneeSchema>;

export const reviewSchema = z.object({
  tier: z.enum(reviewTiers),
  by: z.string(),
  at: instant,
  verdict: z.enum(["approved", "rework"]),
  reasons: z.array(z.string()).optional(),
  comment: z.string().optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const draftSchema = z.object({
  version: z.number().int(),
  kind: z.enum(answerKinds),
  text: z.string(),
  attachments: z.array(z.string()).optional(),
  by: z.string(),
  at: instant,
  reviews: z.array(reviewSchema),
  checks: z
    .array(findingSchema)
    .optional()
    .describe("the draft checks' findings ([] none), stored since patch `draft-checks`"),
  suggestedReasons: z
    .array(z.enum(reviewReasons))
    .optional()
    .describe("rework reasons the findings suggest, to pre-fill the curator's `rework`"),
});
export type Draft = z.infer<typeof draftSchema>;

export const publicationSchema = z.object({
  kind: z.enum(answerKinds),
  url: z.string(),
  at: instant,
  by: z.string(),
  draftVersion: z.number().int(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const contributionSchema = z.object({
  staffId: z.string(),
  text: z.string(),
  attachments: z.array(z.string()).optional(),
  at: instant,
  checks: z.array(findingSchema).optional().describe("the draft checks' findings on the part"),
});
export type Contribution = z.infer<typeof contributionSchema>;

export const stepSchema = z.object({
  from: z.string().optional().describe("the event that started this round of the clock"),
  budget: z.string(),
  clock: z.enum(clockKinds),
  startedAt: instant.optional(),
  dueAt: instant.optional(),
  warnAt: instant.optional(),
  metAt: instant.optional(),
  breachedAt: instant.optional(),
  cancelled: z
    .boolean()
    .optional()
    .describe("the step stopped applying before it was met (merged, handed off, re-routed)"),
  whenNeeded: z
    .boolean()
    .optional()
    .describe("an option window (the profile's `whenNeeded`): never warns or breaches; a late use is late"),
  limit: z
    .boolean()
    .optional()
    .describe(
      "a window that limits a right and obliges nothing (the return window, docs/regulations.md): never breached; a use after it is late",
    ),
  round: z.number().int().describe("which round of a repeating step (re-route, rework, co-executor)"),
  source: z.string().describe("the regulation's paragraph that sets the budget"),
  // A cap on time spent over several stretches (`executorTotal`, Yuzhno-Sakhalinsk 3.2 ¶5): while stopped
  // (the draft is with the operator) `dueAt` is where the cap would have run out.
  spentMinutes: z
    .number()
    .optional()
    .describe("a cap over several stretches (executorTotal): minutes used in the stretches that ended"),
  runningSince: instant.optional().describe("a cap: the start of the running stretch"),
  pausedAt: instant.optional().describe("a cap stopped while the draft is with the curator"),
});
export type StepView = z.infer<typeof stepSchema>;

/**
 * Who held the case when (docs/regulations.md "substitutes"): each assignment, until it ended by a return
 * or a reassignment (`reason`: the curator's, e.g. the executor's absence).
 */
export const holdingSchema = z.object({
  staffIds: z.array(z.string()),
  since: instant,
  until: instant.optional(),
  reason: z.string().optional().describe("why the curator reassigned it (a substitute)"),
});
export type Holding = z.infer<typeof holdingSchema>;

/** A post folded into this case by `merge`: where its copy of each answer goes. */
export const mergedPostSchema = z.object({
  caseId: z.string(),
  network: z.enum(networks),
  channel: z.enum(channels),
  url: z.string(),
  at: instant,
  fromPublication: z
    .number()
    .int()
    .describe("index in `publications` of the first answer this post gets (the latest one already out)"),
  replies: z
    .array(
      z.object({
        draftVersion: z.number().int(),
        url: z.string().optional(),
        state: z
          .enum(["published", "manual", "failed", "withheld"])
          .describe(
            "`withheld`: not copied, the answer was written for a direct message (a person writes this post's own)",
          ),
        reason: z.string().optional(),
        at: instant,
      }),
    )
    .describe("copies of this case's publications posted to the merged post (fan-out)"),
});
export type MergedPost = z.infer<typeof mergedPostSchema>;

/**
 * `posting`: the network API call is under way (a manual `publish` is refused meanwhile, so the reply is
 * never posted twice); `manual`: no account for the network, or the API refused for good (`reason`) — the
 * publisher role posts by hand; `published`: posted by the API, recorded as a publication by `system:<net>`.
 */
export const deliverySchema = z.object({
  draftVersion: z.number().int(),
  network: z.enum(networks),
  state: z.enum(["posting", "manual", "published"]),
  reason: z.string().optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const caseViewSchema = z
  .object({
    caseId: z.string(),
    workflowId: z.string(),
    org: z.string(),
    regulation: z.string(),
    status: z.enum(statuses),
    reviewTier: z.enum(reviewTiers).optional(),
    importance: z.enum(importances),
    topic: z.string().optional(),
    location: z.string().optional(),
    significant: z.boolean(),
    emergency: z.boolean(),
    overdue: z.boolean(),
    message: z.object({
      source: z.string(),
      externalId: z.string(),
      network: z.enum(networks),
      channel: z.enum(channels),
      url: z.string(),
      text: z.string(),
      attachments: z.array(z.string()),
      publishedAt: instant,
      detectedAt: instant,
      foundBy: z
        .enum(["monitoring", "administration"])
        .optional()
        .describe("administration: found by the administration itself (Plastunovskaya 2.3)"),
      author: z
        .object({
          name: z.string().optional(),
          profileUrl: z.string().optional(),
          networkUserId: z.string().optional(),
        })
        .optional()
        .describe("personal data: only for staff of the case's org"),
    }),
    assignees: z.array(assigneeSchema),
    contributions: z.array(contributionSchema),
    drafts: z.array(draftSchema),
    publications: z.array(publicationSchema),
    steps: z.record(z.string(), stepSchema),
    answerDueAt: instant.optional(),
    linkedTo: z.string().optional().describe("the earlier case of a repeat message"),
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
        "the answer also posted to the site section (Yuzhno-Sakhalinsk 3.5, workflows/general-interest.ts); `manual`: a person posts it",
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
    holders: z
      .array(holdingSchema)
      .optional()
      .describe("who held the case when: each assignment until a return or a reassignment ended it"),
    answerWorkingMinutes: z
      .number()
      .int()
      .optional()
      .describe("working minutes from the answer clock's start to the first published answer (report)"),
    merged: z
      .array(mergedPostSchema)
      .optional()
      .describe("posts merged into this case: each gets a copy of every answer (incident grouping)"),
    delivery: deliverySchema
      .optional()
      .describe("posting the approved draft through the network's API (activities/publishers)"),
    seq: z
      .number()
      .int()
      .describe("sequence number of the last event: the read model is current when its last_seq equals this"),
  })
  .meta({ id: "CaseView", description: "The case as read (docs/process.md)" });
export type CaseView = z.infer<typeof caseViewSchema>;

export const timelineEntrySchema = z.object({
  seq: z.number().int(),
  at: instant,
  type: z.string(),
  actor: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
