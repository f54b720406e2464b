// Draft checks at the edge (checks/, README "Draft checks"): the check request, its findings, and the
// org's settings as an admin reads and changes them.
import { z } from "zod";
import { draftCheckCodes } from "../../regulations/schema";
import { findingSchema } from "../../workflows/actions";
import { channels, networks } from "../../workflows/message";

export const findingsBody = z.array(findingSchema);

export const checkRequest = z.object({
  org: z.string().min(1),
  text: z.string().min(1).max(20_000),
  network: z.enum(networks).optional().describe("the network the answer goes to: its length limit"),
  channel: z.enum(channels).optional(),
  authorName: z.string().max(300).optional().describe("the author's name, for a greeting by name"),
});

export const checkResponse = z.object({
  findings: findingsBody,
  blocking: z
    .array(z.enum(draftCheckCodes))
    .describe("codes of the findings that would refuse a `draft` in this org (422)"),
  suggestedReasons: z.array(z.string()).describe("the rework reasons the findings suggest"),
});

const code = z.enum(draftCheckCodes);
const maxLength = z.partialRecord(z.enum(networks), z.number().int().min(1).max(100_000));

export const checkSettingsSchema = z.object({
  enabled: z.array(code).describe("the checks that run"),
  block: z.array(code).describe("the checks that refuse a `draft` (422) instead of warning"),
  regulationBlock: z.array(code).describe("the regulation's default for `block`"),
  bureaucratesePer100Words: z.number(),
  greetByName: z.boolean(),
  maxLength: maxLength.describe("reply length limits per network over the built-in ones"),
  words: z.array(z.string()).describe("the org's own words, accepted by the spelling check"),
});

const word = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}'’-]+$/u, "one word: letters, - and '");
export const checkSettingsPatch = z
  .object({
    enabled: z.array(code).nullable().describe("null: every check"),
    block: z.array(code).nullable().describe("null: the regulation's default"),
    bureaucratesePer100Words: z.number().min(0).max(100).nullable(),
    greetByName: z.boolean(),
    maxLength: maxLength.nullable(),
    words: z.array(word).max(10_000).describe("replaces the list"),
    addWords: z.array(word).max(10_000),
    removeWords: z.array(word).max(10_000),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change")
  .meta({ minProperties: 1 });
