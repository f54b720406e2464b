// The two ways the benchmark drives the same cases: through the HTTP API (POST /v1/messages, POST
// /v1/cases/{id}/actions/{action}, as the integrator and the staff do), and bare Temporal — the same
// workflow started with the same input, the same Update with the same actor and payload, everything the
// API looks up (org, calendar layers, actor, departments) looked up once before the clock starts.
import { caseStart, loadLayers, loadOrg } from "../../activities/ingest";
import { signStaffToken } from "../../api/auth/credentials";
import { config } from "../../config";
import { staff } from "../../db/schema";
import { demoKey } from "../../db/seed";
import { type Actor, actionUpdates } from "../../workflows/actions";
import { type CaseInput, caseIdOf, type Message } from "../../workflows/message";
import { type DayCase, orgIds, type Step } from "./day";
import type { BenchStack } from "./stack";

export interface Driver {
  name: string;
  start(c: DayCase): Promise<void>;
  act(c: DayCase, step: Step): Promise<void>;
}

export function messageOf(prefix: string, c: DayCase): Message {
  const now = new Date().toISOString();
  return {
    org: c.org,
    source: "bench",
    externalId: `${prefix}-${c.n}`,
    network: "vk",
    channel: "comment",
    url: `https://vk.com/wall-3_${c.n}`,
    author: { name: "Житель" },
    text: "Во дворе третий день не вывозят мусор, контейнеры переполнены.",
    attachments: [],
    publishedAt: now,
    detectedAt: now,
    hints: {},
  };
}

/** The payload with the staff it names written as staff ids of the case's org. */
function named(org: string, payload: Record<string, unknown> = {}) {
  const p = { ...payload };
  if (Array.isArray(p.executors)) p.executors = (p.executors as string[]).map((s) => `${org}.${s}`);
  if (typeof p.composer === "string") p.composer = `${org}.${p.composer}`;
  return p;
}

class Refused extends Error {}

export async function apiDriver(stack: BenchStack, prefix: string): Promise<Driver> {
  const base = `http://127.0.0.1:${stack.api.port}`;
  const tokens = new Map<string, string>();
  const rows = await stack.db.db.select().from(staff);
  for (const r of rows)
    tokens.set(
      r.id,
      await signStaffToken({ sub: r.id, org: r.orgId, roles: ["curator"] }, config.api.jwtSecret, {
        ttl: "6h",
      }),
    );
  const post = async (path: string, headers: Record<string, string>, body: unknown, want: number[]) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!want.includes(res.status)) throw new Refused(`${path}: ${res.status} ${text.slice(0, 300)}`);
  };
  return {
    name: "API",
    start: (c) => post("/v1/messages", { "x-api-key": demoKey(c.org) }, messageOf(prefix, c), [201]),
    act: (c, [action, who, payload]) =>
      post(
        `/v1/cases/${encodeURIComponent(caseIdOf(messageOf(prefix, c)))}/actions/${action}`,
        { authorization: `Bearer ${tokens.get(`${c.org}.${who}`)}` },
        named(c.org, payload),
        [200],
      ),
  };
}

export async function bareDriver(stack: BenchStack, prefix: string): Promise<Driver> {
  const deps = { db: stack.db.db, temporal: stack.client, taskQueue: stack.taskQueue };
  const orgs = new Map<string, Pick<CaseInput, "org" | "calendar">>();
  for (const id of orgIds) {
    const org = await loadOrg(deps, id);
    orgs.set(id, { org, calendar: await loadLayers(deps, org.calendarId, org.id) });
  }
  const rows = await stack.db.db.select().from(staff);
  const actors = new Map<string, Actor>(
    rows.map((s) => [
      s.id,
      {
        staffId: s.id,
        org: s.orgId,
        roles: s.roles as Actor["roles"],
        department: s.departmentId ?? undefined,
        curatorTier: (s.curatorTier as Actor["curatorTier"]) ?? undefined,
      },
    ]),
  );
  const departments = new Map(rows.flatMap((r) => (r.departmentId ? [[r.id, r.departmentId] as const] : [])));
  return {
    name: "bare",
    async start(c) {
      const message = messageOf(prefix, c);
      const { org, calendar } = orgs.get(c.org)!;
      const input: CaseInput = {
        caseId: caseIdOf(message),
        message,
        org,
        receivedAt: new Date().toISOString(),
        overrides: calendar?.national,
        calendar,
      };
      await stack.client.workflow.start("caseWorkflow", caseStart(input, stack.taskQueue));
    },
    async act(c, [action, who, payload]) {
      const p = named(c.org, payload);
      const ids = [
        ...((p.executors as string[] | undefined) ?? []),
        ...(p.composer ? [p.composer as string] : []),
      ];
      const deps = Object.fromEntries(
        ids.flatMap((id) => (departments.has(id) ? [[id, departments.get(id)!]] : [])),
      );
      await stack.client.workflow
        .getHandle(caseIdOf(messageOf(prefix, c)))
        .executeUpdate(actionUpdates[action] as (typeof actionUpdates)["accept"], {
          args: [
            {
              actor: actors.get(`${c.org}.${who}`)!,
              payload: p as never,
              departments: ids.length ? deps : undefined,
            },
          ],
        });
    },
  };
}
