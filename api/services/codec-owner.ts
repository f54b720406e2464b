// Whose payloads an admin may read through the codec endpoint (issue 16: "an admin decodes only payloads of
// his org's workflows"). A sealed payload names the workflow it belongs to (worker/codec.ts binds the id into
// the ciphertext, so it cannot be relabelled); this finds each workflow's org:
//   case-<org>~… (case-<org>-… before)      the read model's `cases` row, else the one org whose id prefixes it
//   monthly-report-<org>[-<month|instant>]  worker/schedules.ts, api/services/reports.ts
//   feed-<feedId>[-<instant>]              the feed's org (worker/feed-schedules.ts)
// A workflow of no known org has no owner: its payloads stay sealed for everyone.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cases, feeds, orgs } from "../../db/schema";

const suffix = (rest: string, pattern: RegExp) => rest === "" || pattern.test(rest);
const reportRest = /^-\d{4}-\d{2}($|-\d{2}T)/; // a month, or the Schedule's appended instant
const instantRest = /^-\d{4}-\d{2}-\d{2}T/;

export async function ownersOf(db: Db, workflowIds: string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const ids = [...new Set(workflowIds)];
  if (ids.length === 0) return owners;
  const caseIds = ids.filter((id) => id.startsWith("case-"));
  if (caseIds.length > 0)
    for (const row of await db
      .select({ caseId: cases.caseId, orgId: cases.orgId })
      .from(cases)
      .where(inArray(cases.caseId, caseIds)))
      owners.set(row.caseId, row.orgId);
  const rest = ids.filter((id) => !owners.has(id));
  if (rest.length === 0) return owners;
  const orgIds = (await db.select({ id: orgs.id }).from(orgs)).map((o) => o.id);
  const feedRows = rest.some((id) => id.startsWith("feed-"))
    ? await db.select({ id: feeds.id, orgId: feeds.orgId }).from(feeds)
    : [];
  for (const id of rest) {
    const candidates = new Set<string>();
    for (const org of orgIds) {
      // a case not projected yet: its id begins with its org (ambiguous when one org id prefixes another)
      if (id.startsWith(`case-${org}~`) || id.startsWith(`case-${org}-`)) candidates.add(org);
      const report = `monthly-report-${org}`;
      if (id.startsWith(report) && suffix(id.slice(report.length), reportRest)) candidates.add(org);
    }
    for (const f of feedRows) {
      const base = `feed-${f.id}`;
      if (id.startsWith(base) && suffix(id.slice(base.length), instantRest)) candidates.add(f.orgId);
    }
    if (candidates.size === 1) owners.set(id, [...candidates][0]!);
  }
  return owners;
}
