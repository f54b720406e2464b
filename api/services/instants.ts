// Every instant the API answers is in the org's offset (README "Walk-through"), as the planner's due instants
// already are: the workflow and the read model keep UTC, the responses do not.
import { eq } from "drizzle-orm";
import { formatInstant } from "../../calendars/zone";
import { orgs } from "../../db/schema";
import type { Deps } from "../app";

/** An instant in UTC as JavaScript and PostgreSQL write it ("…Z", "… 03:10:00.123+00"). */
const UTC = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00(:00)?)$/;

/** PostgreSQL's timestamptz text ("2026-03-02 03:10:00.123+00") as ISO 8601 in UTC. */
export const utc = (pgTime: string) => new Date(pgTime).toISOString();

/** The org's zone, or undefined for an org that does not exist (the answer stays in UTC). */
export async function zoneOf(deps: Deps, orgId: string): Promise<string | undefined> {
  const [org] = await deps.db.select({ zone: orgs.zone }).from(orgs).where(eq(orgs.id, orgId));
  return org?.zone;
}

/** A converter of instants to ISO 8601 in the org's offset. */
export async function inOrgOffset(deps: Deps, orgId: string): Promise<(time: string) => string> {
  const zone = await zoneOf(deps, orgId);
  return (time) => (zone ? formatInstant(Date.parse(time), zone) : utc(time));
}

/** `value` with every UTC instant string in it (at any depth) written in `zone`'s offset. */
export function instantsIn<T>(value: T, zone: string | undefined): T {
  if (!zone) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return UTC.test(v) ? formatInstant(Date.parse(v), zone) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
