// An org's accounts on the networks replies are published to (activities/publishers/accounts.ts checks the
// credentials and settings of each network). Credentials are write-only: no answer ever carries them.
import { z } from "zod";
import { apiNetworks } from "../../activities/publishers/accounts";
import { orgParams } from "./org";

export const networkParams = orgParams.extend({ network: z.enum(apiNetworks) });

export const networkAccountSchema = z
  .object({
    orgId: z.string(),
    network: z.enum(apiNetworks),
    baseUrl: z.string().nullable().describe("null: the network's public API"),
    settings: z.record(z.string(), z.unknown()),
    active: z.boolean(),
    hasCredentials: z.literal(true).describe("the credentials are stored sealed and never returned"),
    updatedAt: z.string(),
  })
  .meta({ id: "NetworkAccount" });

export const networkAccountPut = z.object({
  credentials: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "vk {accessToken}, telegram {botToken}, ok {accessToken, applicationSecretKey}, site {secret}; " +
        "required when the account is new, kept as stored when left out",
    ),
  settings: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      "vk {groupId, apiVersion?}, telegram {discussionChats?}, ok {applicationKey, groupId}, site {sectionUrl?}; " +
        "each may have timeoutMs",
    ),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional()
    .describe("the API's base URL (the site: its webhook, required)"),
  active: z.boolean().default(true),
});
