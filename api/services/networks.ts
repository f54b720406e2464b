// Network accounts in PostgreSQL (`network_accounts`): credentials sealed with SECRETS_KEY on the way in,
// never read back out; the publishers (activities/publishers) unseal them in the worker.
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type ApiNetwork, accountSchemas, defaultBaseUrls } from "../../activities/publishers/accounts";
import { networkAccounts } from "../../db/schema";
import { sealJson } from "../../db/secrets";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import type { networkAccountPut } from "../schemas/network";

type Row = typeof networkAccounts.$inferSelect;

const view = (row: Row) => ({
  orgId: row.orgId,
  network: row.network as ApiNetwork,
  baseUrl: row.baseUrl,
  settings: row.settings as Record<string, unknown>,
  active: row.active,
  hasCredentials: true as const,
  updatedAt: new Date(row.updatedAt).toISOString(),
});

const where = (orgId: string, network: string) =>
  and(eq(networkAccounts.orgId, orgId), eq(networkAccounts.network, network));

export async function listNetworks(deps: Deps, orgId: string) {
  const rows = await deps.db
    .select()
    .from(networkAccounts)
    .where(eq(networkAccounts.orgId, orgId))
    .orderBy(asc(networkAccounts.network));
  return rows.map(view);
}

/** Creates or replaces the org's account on `network`; `created` tells 201 from 200. */
export async function putNetwork(
  deps: Deps,
  orgId: string,
  network: ApiNetwork,
  body: z.infer<typeof networkAccountPut>,
) {
  const schema = accountSchemas[network];
  const settings = checked(schema.settings, body.settings, "body.settings");
  const credentials =
    body.credentials === undefined
      ? undefined
      : checked(schema.credentials, body.credentials, "body.credentials");
  const [existing] = await deps.db.select().from(networkAccounts).where(where(orgId, network));
  if (!existing && !credentials)
    throw new HttpProblem(422, `A new ${network} account needs its credentials`, {
      errors: [{ path: "body.credentials", message: "required for a new account" }],
    });
  // The credentials go wherever baseUrl points: moving them needs them again (issue 16).
  if (existing && !credentials && body.baseUrl !== undefined && body.baseUrl !== existing.baseUrl)
    throw new HttpProblem(422, `Changing the ${network} account's baseUrl needs its credentials again`, {
      errors: [{ path: "body.credentials", message: "required when baseUrl changes" }],
    });
  const baseUrl = body.baseUrl === undefined ? (existing?.baseUrl ?? null) : body.baseUrl;
  if (!baseUrl && !defaultBaseUrls[network])
    throw new HttpProblem(422, `The ${network} account needs a baseUrl (its webhook)`, {
      errors: [{ path: "body.baseUrl", message: "required for this network" }],
    });
  const values = {
    baseUrl,
    settings,
    active: body.active,
    updatedAt: sql`now()`,
    ...(credentials ? { credentials: sealJson(credentials) } : {}),
  };
  const [row] = await deps.db
    .insert(networkAccounts)
    .values({ orgId, network, credentials: "", ...values })
    .onConflictDoUpdate({ target: [networkAccounts.orgId, networkAccounts.network], set: values })
    .returning();
  return { created: !existing, account: view(row!) };
}

export async function deleteNetwork(deps: Deps, orgId: string, network: ApiNetwork) {
  const gone = await deps.db.delete(networkAccounts).where(where(orgId, network)).returning();
  if (gone.length === 0) throw new HttpProblem(404, `${orgId} has no ${network} account`);
}

/** The network's own schema; its issues as 422 with paths under `prefix` (secret values never echoed). */
function checked<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(422, `The ${prefix.replace("body.", "")} are not valid for this network`, {
    errors: parsed.error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].join("."),
      message: i.message,
    })),
  });
}
