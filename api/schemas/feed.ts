// Monitoring feeds (README.md "Monitoring feeds"): push feeds sign webhooks, pull feeds are polled on a
// Temporal Schedule; each maps its items to messages with a zod-validated mapping.
import { z } from "zod";
import { feedMappingSchema, itemStatuses } from "../../activities/feeds";
import { listOf } from "./case";
import { orgParams } from "./org";

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "lower-case letters, digits and . _ - (1-80)")
  .describe("global; conventionally `<org>.<name>`; part of the webhook URL and the Schedule id");
const source = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, "letters, digits and . _ : - only (1-100)")
  .describe("the `source` of the messages (part of every case id); fixed once the feed exists");
const pushSecret = z
  .string()
  .min(16)
  .max(500)
  .describe("the shared HMAC secret (at least 16 characters); stored sealed and never returned");
const pullToken = z
  .string()
  .min(1)
  .max(2000)
  .describe("bearer token sent to the feed's endpoint; stored sealed and never returned");
const intervalSeconds = z
  .number()
  .int()
  .min(10)
  .max(86_400)
  .describe("how often the Schedule runs the poller");
const feedUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const feedParams = z.object({ feedId: z.string().min(1).max(80) });
export const orgFeedParams = orgParams.extend({ feedId: z.string().min(1).max(80) });

export const newFeed = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("push"),
    id,
    source,
    secret: pushSecret,
    callbackUrl: feedUrl
      .optional()
      .describe(
        "where a hand-over posts the answer back, signed with the secret (Yuzhno-Sakhalinsk 3.3; `url` in the feed)",
      ),
    mapping: feedMappingSchema.default({ fields: {} }),
    active: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal("pull"),
    id,
    source,
    url: feedUrl.describe("the cursor-paginated JSON endpoint: GET <url>?cursor=<c> -> {items, next}"),
    intervalSeconds: intervalSeconds.default(300),
    secret: pullToken.optional(),
    mapping: feedMappingSchema.default({ fields: {} }),
    cursor: z
      .string()
      .min(1)
      .max(2000)
      .nullable()
      .default(null)
      .describe("where to start; null = the first page"),
    active: z.boolean().default(true),
  }),
]);
export type NewFeed = z.infer<typeof newFeed>;

export const feedPatch = z
  .object({
    secret: z.string().min(1).max(2000).describe("replaces the secret (push: at least 16 characters)"),
    mapping: feedMappingSchema,
    url: feedUrl,
    intervalSeconds,
    cursor: z
      .string()
      .min(1)
      .max(2000)
      .nullable()
      .describe("rewind or skip a pull feed; null = the first page"),
    active: z.boolean().describe("false pauses the feed: its webhook answers 409, its Schedule is paused"),
    callbackUrl: feedUrl
      .nullable()
      .describe("push: where a hand-over posts the answer back (Yuzhno-Sakhalinsk 3.3); null removes it"),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change")
  .meta({ minProperties: 1 });
export type FeedPatch = z.infer<typeof feedPatch>;

export const feedSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    kind: z.enum(["push", "pull"]),
    source: z.string(),
    mapping: feedMappingSchema,
    url: z
      .string()
      .nullable()
      .describe("pull: the endpoint read; push: the callback URL of hand-overs, if any"),
    intervalSeconds: z.number().int().nullable(),
    cursor: z.string().nullable(),
    active: z.boolean(),
    hasSecret: z.boolean(),
    webhook: z.string().nullable().describe("push: the path to POST signed deliveries to"),
    scheduleId: z.string().nullable().describe("pull: the Temporal Schedule that runs the poller"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Feed" });

export const itemStatusList = listOf(itemStatuses);

export const feedItemsQuery = z.object({
  status: itemStatusList.optional().describe("comma-separated: accepted, duplicate, rejected"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "a page's `nextCursor`")
    .optional()
    .describe("`nextCursor` of the previous page"),
});
export type FeedItemsQuery = z.infer<typeof feedItemsQuery>;

export const feedItemSchema = z.object({
  id: z.number().int(),
  externalId: z.string().nullable(),
  status: z.enum(itemStatuses),
  reason: z.string().nullable(),
  caseId: z.string().nullable(),
  at: z.string(),
});
export const feedItemsSchema = z.object({
  items: z.array(feedItemSchema),
  nextCursor: z.string().nullable(),
});

export const webhookResult = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  items: z.array(
    z.object({
      index: z.number().int(),
      status: z.enum(itemStatuses),
      externalId: z.string().nullable(),
      caseId: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
});
