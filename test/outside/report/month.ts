// A month of cases built by hand directly in the read model (cases, case_steps), for the monthly report
// suites: a fresh org under the Plastunovskaya regulation (zone Europe/Moscow, UTC+3 all year; the report
// is due by the 5th), its departments and staff, 14 cases received in March 2026, 4 in February (one of them
// one second before local midnight of 1 March), one at local midnight of 1 April (UTC still March) and one
// of another org in March. Every figure the suites expect is worked out in sql.test.ts.
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { caseSteps, cases, departments, orgs, staff } from "../../../db/schema";
import type { Status } from "../../../workflows/view";

type Outcome = "on_time" | "late" | "breached" | "open" | "cancelled";
/** [step, round, outcome] */
type StepSpec = [string, number, Outcome];

interface CaseSpec {
  id: string;
  receivedAt: string;
  status: Status;
  topic: string | null;
  network: string;
  /** Department and executor suffixes: d1, d2 / e1, e2, e3. */
  departments: string[];
  assignees: string[];
  rework?: number;
  returns?: number;
  minutes?: number;
  mergedInto?: string;
  steps: StepSpec[];
  /** Another org's case (must never count). */
  otherOrg?: boolean;
}

const march = (day: number) => `2026-03-${String(day).padStart(2, "0")}T10:00:00+03:00`;
const feb = (day: number) => `2026-02-${String(day).padStart(2, "0")}T10:00:00+03:00`;
const closed = "closed";

// biome-ignore format: one case per line reads as a table
export const monthCases: CaseSpec[] = [
    { id: "c01", receivedAt: march(2), status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], minutes: 60, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"]] },
    { id: "c02", receivedAt: march(3), status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], rework: 1, minutes: 120, steps: [["route", 0, "on_time"], ["draft", 0, "on_time"], ["review", 0, "on_time"], ["rework", 0, "on_time"], ["answer", 0, "on_time"]] },
    { id: "c03", receivedAt: march(4), status: closed, topic: "Дороги", network: "telegram", departments: ["d2"], assignees: ["e2"], rework: 2, returns: 1, minutes: 480, steps: [["route", 0, "breached"], ["answer", 0, "breached"]] },
    { id: "c04", receivedAt: march(5), status: closed, topic: "Дороги", network: "vk", departments: ["d2"], assignees: ["e2"], minutes: 240, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"]] },
    { id: "c05", receivedAt: march(6), status: closed, topic: "Дороги", network: "ok", departments: ["d1", "d2"], assignees: ["e1", "e2"], rework: 1, minutes: 300, steps: [["route", 0, "on_time"], ["draft", 0, "breached"], ["answer", 0, "on_time"]] },
    { id: "c06", receivedAt: march(9), status: "follow_up", topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], minutes: 30, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"], ["finalAfterInterim", 0, "open"]] },
    { id: "c07", receivedAt: march(10), status: "drafting", topic: "ЖКХ", network: "telegram", departments: ["d1"], assignees: ["e3"], returns: 1, steps: [["route", 0, "on_time"], ["return", 0, "on_time"], ["route", 1, "on_time"], ["answer", 0, "open"]] },
    { id: "c08", receivedAt: march(11), status: "rejected", topic: null, network: "vk", departments: [], assignees: [], steps: [["route", 0, "on_time"], ["answer", 0, "cancelled"]] },
    { id: "c09", receivedAt: march(12), status: "merged", topic: "ЖКХ", network: "vk", departments: [], assignees: [], mergedInto: "c01", steps: [["route", 0, "cancelled"], ["answer", 0, "cancelled"]] },
    // 23:59:59 local on 31 March (20:59:59 UTC): the last second of the month.
    { id: "c10", receivedAt: "2026-03-31T20:59:59Z", status: closed, topic: "Дороги", network: "vk", departments: ["d2"], assignees: ["e2"], rework: 3, minutes: 900, steps: [["route", 0, "on_time"], ["rework", 0, "on_time"], ["rework", 1, "breached"], ["rework", 2, "on_time"], ["answer", 0, "breached"]] },
    { id: "c11", receivedAt: march(16), status: closed, topic: "ЖКХ", network: "ok", departments: ["d1"], assignees: ["e1"], minutes: 45, steps: [["route", 0, "on_time"], ["clarification", 0, "late"], ["answer", 0, "on_time"]] },
    // 00:00 local on 1 March (21:00 UTC on 28 February): the first instant of the month.
    { id: "c12", receivedAt: "2026-02-28T21:00:00Z", status: "triage", topic: null, network: "telegram", departments: [], assignees: [], steps: [["route", 0, "open"]] },
    { id: "c13", receivedAt: march(20), status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], minutes: 75, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"]] },
    { id: "c14", receivedAt: march(23), status: closed, topic: "Дороги", network: "telegram", departments: ["d2"], assignees: ["e2"], minutes: 600, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"]] },
    // February.
    { id: "p1", receivedAt: feb(3), status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], rework: 1, minutes: 100, steps: [["answer", 0, "on_time"]] },
    { id: "p2", receivedAt: feb(10), status: closed, topic: "Дороги", network: "vk", departments: ["d2"], assignees: ["e2"], minutes: 200, steps: [["answer", 0, "breached"]] },
    { id: "p3", receivedAt: feb(17), status: "rejected", topic: null, network: "telegram", departments: [], assignees: [], steps: [["answer", 0, "cancelled"]] },
    // 23:59:59 local on 28 February (20:59:59 UTC): February, not March.
    { id: "x1", receivedAt: "2026-02-28T20:59:59Z", status: closed, topic: "ЖКХ", network: "ok", departments: ["d1"], assignees: ["e1"], returns: 1, minutes: 50, steps: [["route", 0, "on_time"], ["answer", 0, "on_time"]] },
    // 00:00 local on 1 April (21:00 UTC on 31 March): April, in neither month.
    { id: "x2", receivedAt: "2026-03-31T21:00:00Z", status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], minutes: 10, steps: [["answer", 0, "breached"]] },
    // Another org's case in March.
    { id: "y1", receivedAt: march(15), status: closed, topic: "ЖКХ", network: "vk", departments: ["d1"], assignees: ["e1"], minutes: 5, steps: [["answer", 0, "breached"]], otherOrg: true },
];

const DUE = "2026-03-20T12:00:00+03:00";
/** due, met and breach instants that give the outcome (monthly-sql.ts precedence). */
function stepTimes(outcome: Outcome) {
  const base = { startedAt: "2026-03-01T09:00:00+03:00", dueAt: DUE, cancelled: false };
  switch (outcome) {
    case "on_time": // met on the due instant itself: "on or before"
      return { ...base, metAt: DUE, breachedAt: null };
    case "late": // an option window used after its due instant: met late, never breached
      return { ...base, metAt: "2026-03-20T15:00:00+03:00", breachedAt: null };
    case "breached": // breached at the due instant, met later: stays a breach
      return { ...base, metAt: "2026-03-21T10:00:00+03:00", breachedAt: DUE };
    case "open":
      return { ...base, metAt: null, breachedAt: null };
    case "cancelled":
      return { ...base, metAt: null, breachedAt: null, cancelled: true };
  }
}

export interface Month {
  org: string;
  other: string;
  dept: (d: string) => string;
  exec: (e: string) => string;
  caseId: (c: string) => string;
}

/** A new org with departments d1 ("ЖКХ"), d2 ("Дороги"), executors e1..e3, a supervisor and both curators. */
export async function buildMonth(db: Db, regulation = "plastunovskaya"): Promise<Month> {
  const org = `rpt-${randomUUID().slice(0, 8)}`;
  const other = `${org}-other`;
  const m: Month = {
    org,
    other,
    dept: (d) => `${org}.${d}`,
    exec: (e) => `${org}.${e}`,
    caseId: (c) => `case-${org}-hand-${c}`,
  };
  await db.insert(orgs).values({
    id: org,
    name: `Отчётное поселение ${org}`,
    regulation,
    zone: "Europe/Moscow",
    escalationEmail: `head@${org}.example.test`,
  });
  await db.insert(departments).values([
    { id: m.dept("d1"), orgId: org, name: "ЖКХ" },
    { id: m.dept("d2"), orgId: org, name: "Дороги" },
  ]);
  const person = (
    id: string,
    name: string,
    roles: string[],
    extra: Partial<typeof staff.$inferInsert> = {},
  ) => ({
    id: `${org}.${id}`,
    orgId: org,
    name,
    email: `${id}@${org}.example.test`,
    roles,
    ...extra,
  });
  await db
    .insert(staff)
    .values([
      person("e1", "Иванов И. И.", ["executor"], { departmentId: m.dept("d1") }),
      person("e2", "Петров П. П.", ["executor"], { departmentId: m.dept("d2") }),
      person("e3", "Сидоров С. С.", ["executor"], { departmentId: m.dept("d1") }),
      person("supervisor", "Руководитель", ["supervisor"]),
      person("supervisor2", "Уволенный руководитель", ["supervisor"], { active: false }),
      person("municipal-curator", "Муниципальный куратор", ["curator"], { curatorTier: "municipal" }),
      person("regional-curator", "Региональный куратор", ["curator"], { curatorTier: "regional" }),
      person("admin", "Администратор", ["admin"]),
    ]);
  for (const c of monthCases) {
    const caseId = m.caseId(c.id);
    await db.insert(cases).values({
      caseId,
      workflowId: caseId,
      orgId: c.otherOrg ? other : org,
      regulation,
      source: "hand",
      externalId: c.id,
      status: c.status,
      importance: "normal",
      topic: c.topic,
      network: c.network,
      channel: "comment",
      url: `https://example.test/${org}/${c.id}`,
      text: "сообщение",
      publishedAt: c.receivedAt,
      detectedAt: c.receivedAt,
      receivedAt: c.receivedAt,
      departments: c.departments.map(m.dept),
      assignees: c.assignees.map(m.exec),
      mergedInto: c.mergedInto ? m.caseId(c.mergedInto) : null,
      reworkRounds: c.rework ?? 0,
      returns: c.returns ?? 0,
      answerWorkingMinutes: c.minutes ?? null,
      snapshot: {},
      lastSeq: 1,
    });
    await db.insert(caseSteps).values(
      c.steps.map(([step, round, outcome]) => ({
        caseId,
        step,
        round,
        budget: "8h",
        clock: "working",
        ...stepTimes(outcome),
      })),
    );
  }
  return m;
}
