// Ingestion: a message becomes a case, once. The workflow id is the message's identity, so a resend (or a
// race of two) finds the running or closed case instead of starting another. One path for every way a
// message comes in: the API (`POST /v1/messages`, a push feed's webhook) and the pull feed's activity.
import { type Client, WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { and, eq } from "drizzle-orm";
import type { Schedule } from "../calendars";
import type { Db } from "../db/client";
import { cases, orgs } from "../db/schema";
import { getProfile, plan } from "../regulations";
import type { caseWorkflow } from "../workflows/case";
import {
  type CaseInput,
  caseIdOf,
  legacyCaseIdOf,
  type Message,
  type OrgSettings,
} from "../workflows/message";
import {
  CaseImportance,
  CaseNetwork,
  CaseOrg,
  CaseRegulation,
  CaseStatus,
} from "../workflows/search-attributes";
import { loadCalendarLayers } from "./calendar";

/** What ingestion uses: the API passes its Deps, the worker (feed poller) its own client and pool. */
export interface IngestDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** WARN_AT_SHARE (config.ts): copied into each new case; absent, a case warns at 75 %. */
  settings?: { warnAtShare?: number };
}

/** The message names an org that does not exist (the API answers 422). */
export class UnknownOrgError extends Error {
  constructor(readonly org: string) {
    super(`Unknown org '${org}'`);
    this.name = "UnknownOrgError";
  }
}

export async function loadOrg(deps: IngestDeps, orgId: string): Promise<OrgSettings> {
  const [org] = await deps.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new UnknownOrgError(orgId);
  return {
    id: org.id,
    regulation: org.regulation,
    calendarId: org.calendarId,
    zone: org.zone,
    schedule: org.schedule ?? undefined,
    urgentTopics: org.urgentTopics,
    ...(deps.settings?.warnAtShare !== undefined ? { warnAtShare: deps.settings.warnAtShare } : {}),
  };
}

export async function ingest(
  deps: IngestDeps,
  message: Message,
  now = new Date(),
): Promise<{ caseId: string; created: boolean; deadlines: Record<string, string> }> {
  const caseId = caseIdOf(message);
  // The legacy-id lookup does not need the org: one round trip less before the start (bench/RESULTS.md).
  const legacyLookup = legacyCase(deps, message);
  legacyLookup.catch(() => {});
  // The org and its calendar's layers in one round of statements: the layers name the org's calendar by a
  // subquery rather than waiting for the org's row (bench/RESULTS.md "region day").
  const layers = loadCalendarLayers(deps.db, { calendarId: { ofOrg: message.org }, orgId: message.org });
  layers.catch(() => {});
  const org = await loadOrg(deps, message.org);
  const calendar = await layers;
  // `overrides` too, for a worker still on the code before the calendar layers (patch calendar-layers).
  const input: CaseInput = {
    caseId,
    message,
    org,
    receivedAt: now.toISOString(),
    overrides: calendar.national,
    calendar,
  };
  const deadlines = startDeadlines(org, message, calendar);
  // A resend of a message whose case was started under the old id finds that case.
  const legacy = await legacyLookup;
  if (legacy) return { caseId: legacy, created: false, deadlines };
  try {
    // By name: the API never loads workflow code (type-only import above).
    await deps.temporal.workflow.start<typeof caseWorkflow>("caseWorkflow", caseStart(input, deps.taskQueue));
    return { caseId, created: true, deadlines };
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return { caseId, created: false, deadlines };
    throw e;
  }
}

/**
 * How a case's workflow is started: by the API, and by the benchmarks' bare client (bench/support/drivers.ts),
 * so the baseline starts exactly what the API starts. By name: the API never loads workflow code.
 */
export function caseStart(input: CaseInput, taskQueue: string) {
  return {
    workflowId: input.caseId,
    taskQueue,
    args: [input] as [CaseInput],
    // A closed case is not reopened by a resend: its id stays taken.
    workflowIdReusePolicy: "REJECT_DUPLICATE" as const,
    typedSearchAttributes: [
      { key: CaseStatus, value: "triage" },
      { key: CaseOrg, value: input.org.id },
      { key: CaseRegulation, value: input.org.regulation },
      { key: CaseImportance, value: input.message.hints.importance ?? "normal" },
      { key: CaseNetwork, value: input.message.network },
    ],
  };
}

/**
 * A case started under the old id (`legacyCaseIdOf`) for exactly this message: its read-model row has the
 * same org, source and externalId. Another message's case that happens to have that id is not it.
 */
async function legacyCase(deps: IngestDeps, m: Message): Promise<string | undefined> {
  const id = legacyCaseIdOf(m);
  const [row] = await deps.db
    .select({ caseId: cases.caseId })
    .from(cases)
    .where(
      and(
        eq(cases.caseId, id),
        eq(cases.orgId, m.org),
        eq(cases.source, m.source),
        eq(cases.externalId, m.externalId),
      ),
    );
  return row?.caseId;
}

/** The org's calendar layers (imported decrees, national overrides, the org's days), copied in at start. */
export const loadLayers = (deps: IngestDeps, calendarId: string, orgId: string) =>
  loadCalendarLayers(deps.db, { calendarId, orgId });

/**
 * The due instants the regulation fixes at the start (route, answer, a leading draft), from the same
 * planner and anchors the workflow arms its clocks with: detection, posting, the org's overrides.
 */
function startDeadlines(
  org: OrgSettings,
  message: Message,
  overrides: NonNullable<CaseInput["calendar"]>,
): Record<string, string> {
  const { steps } = plan(
    getProfile(org.regulation),
    message.detectedAt,
    message.hints.importance ?? "normal",
    {
      overrides,
      publishedAt: message.publishedAt,
      schedule: org.schedule as Schedule | undefined,
    },
  );
  return Object.fromEntries(
    Object.entries(steps).flatMap(([step, s]) => (s?.dueAt ? [[step, s.dueAt]] : [])),
  );
}
