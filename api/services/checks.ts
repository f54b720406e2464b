// The draft checks as the API runs them: an org's settings from PostgreSQL over its regulation's defaults,
// the check itself (POST /v1/drafts/check, and before every `draft` and `contribute`), and the settings'
// administration.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import {
  blocking,
  type CheckInput,
  type CheckSettings,
  type Finding,
  type OrgCheckSettings,
  resolveSettings,
  reworkReasons,
  runChecks,
} from "../../checks";
import { orgs } from "../../db/schema";
import { getProfile } from "../../regulations/registry";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import type { checkSettingsPatch } from "../schemas/checks";

async function orgRow(deps: Deps, orgId: string) {
  const [row] = await deps.db
    .select({ regulation: orgs.regulation, settings: orgs.draftChecks, words: orgs.spellingWords })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!row) throw new HttpProblem(404, `No org '${orgId}'`);
  return row;
}

export async function settingsOf(deps: Deps, orgId: string): Promise<CheckSettings> {
  const row = await orgRow(deps, orgId);
  return resolveSettings(row.settings, row.words, getProfile(row.regulation));
}

export interface Checked {
  findings: Finding[];
  blocking: Finding[];
}

export async function checkText(deps: Deps, orgId: string, input: CheckInput): Promise<Checked> {
  const settings = await settingsOf(deps, orgId);
  const findings = runChecks(input, settings);
  return { findings, blocking: blocking(findings, settings) };
}

/** POST /v1/drafts/check. */
export async function checkDraft(deps: Deps, input: CheckInput & { org: string }) {
  const { findings, blocking: blocks } = await checkText(deps, input.org, input);
  return {
    findings,
    blocking: [...new Set(blocks.map((f) => f.code))],
    suggestedReasons: reworkReasons(findings),
  };
}

/** The settings as an admin sees them: resolved, with the regulation's default beside them. */
export async function getSettings(deps: Deps, orgId: string) {
  const row = await orgRow(deps, orgId);
  const s = resolveSettings(row.settings, row.words, getProfile(row.regulation));
  return { ...s, regulationBlock: getProfile(row.regulation).draftChecks?.block ?? [] };
}

export async function patchSettings(deps: Deps, orgId: string, p: z.infer<typeof checkSettingsPatch>) {
  const row = await orgRow(deps, orgId);
  const next: OrgCheckSettings = { ...(row.settings ?? {}) };
  const set = <K extends keyof OrgCheckSettings>(k: K, v: OrgCheckSettings[K] | null | undefined) => {
    if (v === undefined) return;
    if (v === null) delete next[k];
    else next[k] = v;
  };
  set("enabled", p.enabled);
  set("block", p.block);
  set("bureaucratesePer100Words", p.bureaucratesePer100Words);
  set("greetByName", p.greetByName);
  set("maxLength", p.maxLength);
  const remove = new Set((p.removeWords ?? []).map((w) => w.toLowerCase()));
  const words = [...new Set([...(p.words ?? row.words), ...(p.addWords ?? [])])].filter(
    (w) => !remove.has(w.toLowerCase()),
  );
  await deps.db.update(orgs).set({ draftChecks: next, spellingWords: words }).where(eq(orgs.id, orgId));
  return getSettings(deps, orgId);
}
