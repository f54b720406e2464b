// An org's account on a network (`network_accounts`): what each publisher needs, validated with zod both
// where an admin writes it (PUT /v1/orgs/:orgId/networks/:network) and where the worker reads it.
// Credentials are sealed at rest (db/secrets.ts) and never leave the API; settings are not secret.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { networkAccounts } from "../../db/schema";
import { unsealJson } from "../../db/secrets";
import { forbidden } from "./wire";

const common = { timeoutMs: z.number().int().min(1000).max(120_000).optional() };
const secret = z.string().min(1).max(4000);

export const accountSchemas = {
  vk: {
    /** A community access token with the `wall` and `messages` rights. */
    credentials: z.object({ accessToken: secret }),
    settings: z.object({
      groupId: z.number().int().positive().describe("the community that answers (without the minus)"),
      apiVersion: z.string().default("5.199"),
      ...common,
    }),
  },
  telegram: {
    credentials: z.object({ botToken: secret }),
    settings: z.object({
      /** A channel's comments live in its linked discussion group: channel username -> that group's chat id. */
      discussionChats: z.record(z.string(), z.union([z.string(), z.number().int()])).default({}),
      ...common,
    }),
  },
  ok: {
    credentials: z.object({ accessToken: secret, applicationSecretKey: secret }),
    settings: z.object({
      applicationKey: z.string().min(1),
      groupId: z.string().regex(/^\d+$/).describe("the group that answers"),
      ...common,
    }),
  },
  site: {
    /** The HMAC-SHA256 key of the webhook's signature. */
    credentials: z.object({ secret }),
    settings: z.object({
      /** Where the section lives, for a reply URL the webhook does not return. */
      sectionUrl: z.url({ protocol: /^https?$/ }).optional(),
      ...common,
    }),
  },
} as const;

export type ApiNetwork = keyof typeof accountSchemas;
export const apiNetworks = Object.keys(accountSchemas) as ApiNetwork[];

/** The networks' public APIs; `network_accounts.base_url` overrides (a proxy, or a test's loopback server). */
export const defaultBaseUrls: Record<ApiNetwork, string | null> = {
  vk: "https://api.vk.com/method",
  telegram: "https://api.telegram.org",
  ok: "https://api.ok.ru/fb.do",
  site: null, // the site's webhook URL is the org's own: it must be configured
};

export interface Account<N extends ApiNetwork> {
  orgId: string;
  network: N;
  baseUrl: string;
  credentials: z.infer<(typeof accountSchemas)[N]["credentials"]>;
  settings: z.infer<(typeof accountSchemas)[N]["settings"]>;
}

/** The org's account row on `network` and the address to call, when it is active and has one. */
async function usableRow(db: Db, orgId: string, network: ApiNetwork) {
  const [row] = await db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.orgId, orgId), eq(networkAccounts.network, network)));
  if (!row?.active) return null;
  const baseUrl = row.baseUrl ?? defaultBaseUrls[network];
  return baseUrl ? { row, baseUrl } : null;
}

/** Whether replies on `network` go out through its API for this org now (nothing unsealed). */
export async function hasAccount(db: Db, orgId: string, network: string): Promise<boolean> {
  return (
    (apiNetworks as string[]).includes(network) &&
    (await usableRow(db, orgId, network as ApiNetwork)) !== null
  );
}

/** The org's active account on `network`, unsealed; null when there is none (the reply is posted by hand). */
export async function loadAccount<N extends ApiNetwork>(
  db: Db,
  orgId: string,
  network: N,
): Promise<Account<N> | null> {
  const usable = await usableRow(db, orgId, network);
  if (!usable) return null;
  const { row, baseUrl } = usable;
  const schema = accountSchemas[network];
  try {
    return {
      orgId,
      network,
      baseUrl: baseUrl.replace(/\/+$/, ""),
      credentials: schema.credentials.parse(unsealJson(row.credentials)) as Account<N>["credentials"],
      settings: schema.settings.parse(row.settings) as Account<N>["settings"],
    };
  } catch (e) {
    // A token sealed under another SECRETS_KEY, or settings written by hand: retrying will not mend it.
    throw forbidden(`${network}: the account of ${orgId} cannot be used (${(e as Error).message})`, {
      network,
      outcome: "rejected",
    });
  }
}

export const timeoutOf = (a: { settings: { timeoutMs?: number } }) => a.settings.timeoutMs ?? 20_000;
