import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type CaseEvent, createActivities, createSmtpMailer } from "../../activities";
import { createDb } from "../../db/client";
import { caseAuthors, caseEvents, caseSteps, cases, drafts, reviews } from "../../db/schema";
import type { CaseView } from "../../workflows/view";
import { caseView, uid } from "./support";

let conn: ReturnType<typeof createDb>;
let acts: ReturnType<typeof createActivities>;
beforeAll(() => {
  conn = createDb(inject("databaseUrl"), { max: 2 });
  acts = createActivities({ db: conn.db, mailer: createSmtpMailer("", "casework@example.test") });
});
afterAll(() => conn.close());

const received = (seq: number): CaseEvent => ({
  seq,
  at: "2026-03-02T03:12:00.000Z",
  type: "received",
  data: { source: "monitor" },
});
const record = (view: CaseView, events: CaseEvent[]) =>
  acts.recordEvents({
    view,
    events,
    author: view.message.author,
    receivedAt: "2026-03-02T03:12:00.000Z",
    source: "monitor",
    externalId: view.caseId,
  });
const caseRow = async (id: string) => (await conn.db.select().from(cases).where(eq(cases.caseId, id)))[0]!;

test("the same batch recorded twice (a retried activity) leaves one row per event", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  const view = caseView(id);
  await record(view, [received(1)]);
  await record(view, [received(1)]);
  const events = await conn.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ seq: 1, type: "received", data: { source: "monitor" } });
  const row = await caseRow(id);
  expect(row).toMatchObject({
    status: "triage",
    lastSeq: 1,
    orgId: "omsk",
    network: "vk",
    channel: "comment",
  });
  expect(new Date(row.answerDueAt!).toISOString()).toBe("2026-03-02T13:10:00.000Z");
  expect(new Date(row.publishedAt).toISOString()).toBe("2026-03-02T03:00:00.000Z");
});

test("the author is stored apart and is not in the snapshot (Yuzhno-Sakhalinsk 1.4)", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  await record(caseView(id), [received(1)]);
  const [author] = await conn.db.select().from(caseAuthors).where(eq(caseAuthors.caseId, id));
  expect(author?.author).toEqual({ name: "Иван Петров", profileUrl: "https://vk.com/id1" });
  const row = await caseRow(id);
  const snapshot = row.snapshot as CaseView;
  expect(snapshot.message.author).toBeUndefined();
  expect(JSON.stringify(snapshot)).not.toContain("Иван Петров");
  expect(snapshot.message.text).toBe("Когда починят дорогу на ул. Ленина?");
});

/** The case after triage, a draft reviewed twice (rework, then approval) and the answer published. */
function closedView(id: string): CaseView {
  const base = caseView(id);
  return {
    ...base,
    status: "closed",
    topic: "Дороги",
    location: "ул. Ленина",
    importance: "high",
    overdue: true,
    assignees: [
      { staffId: "omsk.executor2", role: "executor", department: "omsk.roads" },
      { staffId: "omsk.executor1", role: "co-executor", department: "omsk.housing" },
    ],
    drafts: [
      {
        version: 1,
        kind: "final",
        text: "Отремонтируем.",
        by: "omsk.executor2",
        at: "2026-03-02T05:00:00.000Z",
        reviews: [
          {
            tier: "single",
            by: "omsk.curator",
            at: "2026-03-02T05:20:00.000Z",
            verdict: "rework",
            reasons: ["no_greeting"],
            comment: "Поздоровайтесь",
          },
        ],
      },
      {
        version: 2,
        kind: "final",
        text: "Здравствуйте! Отремонтируем до 1 мая.",
        by: "omsk.executor2",
        at: "2026-03-02T06:00:00.000Z",
        reviews: [
          { tier: "single", by: "omsk.curator", at: "2026-03-02T06:10:00.000Z", verdict: "approved" },
        ],
      },
    ],
    publications: [
      {
        kind: "final",
        url: "https://vk.com/wall-1_1?reply=2",
        at: "2026-03-02T06:30:00.000Z",
        by: "omsk.curator",
        draftVersion: 2,
      },
    ],
    steps: {
      ...base.steps,
      route: { ...base.steps.route!, metAt: "2026-03-02T03:30:00.000Z" },
      rework: {
        budget: "30m",
        clock: "working",
        startedAt: "2026-03-02T05:20:00.000Z",
        dueAt: "2026-03-02T05:50:00.000Z",
        breachedAt: "2026-03-02T05:50:00.000Z",
        metAt: "2026-03-02T06:00:00.000Z",
        round: 1,
        source: "Omsk 9",
      },
      answer: { ...base.steps.answer!, metAt: "2026-03-02T06:30:00.000Z" },
    },
    reworkRounds: 1,
    seq: 9,
  };
}

test("drafts, reviews, steps and the list columns follow the newest view", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  await record(caseView(id), [received(1)]);
  const view = closedView(id);
  const events = [2, 3, 4, 5, 6, 7, 8, 9].map((seq) => ({
    ...received(seq),
    type: `e${seq}`,
    at: `2026-03-02T06:${20 + seq}:00.000Z`,
  }));
  await record(view, events);
  await record(view, events);

  const row = await caseRow(id);
  expect(row).toMatchObject({
    status: "closed",
    topic: "Дороги",
    location: "ул. Ленина",
    importance: "high",
    overdue: true,
    assignees: ["omsk.executor2", "omsk.executor1"],
    departments: ["omsk.roads", "omsk.housing"],
    reworkRounds: 1,
    lastSeq: 9,
  });
  expect(new Date(row.firstAnsweredAt!).toISOString()).toBe("2026-03-02T06:30:00.000Z");
  expect(new Date(row.closedAt!).toISOString()).toBe("2026-03-02T06:29:00.000Z");

  const d = await conn.db.select().from(drafts).where(eq(drafts.caseId, id)).orderBy(drafts.version);
  expect(d.map((x) => [x.version, x.text])).toEqual([
    [1, "Отремонтируем."],
    [2, "Здравствуйте! Отремонтируем до 1 мая."],
  ]);
  const r = await conn.db.select().from(reviews).where(eq(reviews.caseId, id)).orderBy(reviews.draftVersion);
  expect(r.map((x) => [x.draftVersion, x.verdict, x.reasons])).toEqual([
    [1, "rework", ["no_greeting"]],
    [2, "approved", null],
  ]);
  const steps = await conn.db
    .select()
    .from(caseSteps)
    .where(eq(caseSteps.caseId, id))
    .orderBy(caseSteps.step);
  expect(steps.map((s) => [s.step, s.round, Boolean(s.metAt), Boolean(s.breachedAt)])).toEqual([
    ["answer", 0, true, false],
    ["rework", 1, true, true],
    ["route", 0, true, false],
  ]);
  expect(await conn.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).toHaveLength(9);
});

test("an older view arriving after a newer one (a late retry) adds its events and rolls nothing back", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  const newer = closedView(id);
  await record(newer, [
    received(1),
    ...[2, 3, 4, 5, 6, 7, 8, 9].map((seq) => ({ ...received(seq), type: `e${seq}` })),
  ]);
  const before = await caseRow(id);

  const older = caseView(id, {
    status: "drafting",
    seq: 4,
    steps: { route: { ...newer.steps.route!, metAt: undefined } },
    drafts: [{ ...newer.drafts[0]!, text: "stale", reviews: [] }],
  });
  await record(older, [{ ...received(4), type: "e4" }]);

  const after = await caseRow(id);
  expect(after.status).toBe("closed");
  expect(after.lastSeq).toBe(9);
  expect(after.updatedAt).toBe(before.updatedAt);
  const [d1] = await conn.db.select().from(drafts).where(eq(drafts.caseId, id)).orderBy(drafts.version);
  expect(d1?.text).toBe("Отремонтируем.");
  const [route] = await conn.db
    .select()
    .from(caseSteps)
    .where(eq(caseSteps.caseId, id))
    .orderBy(caseSteps.step)
    .offset(2);
  expect(route?.step).toBe("route");
  expect(route?.metAt).not.toBeNull();
  expect(await conn.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).toHaveLength(9);
});

test("a re-armed step keeps its earlier round; a cancelled step is marked", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  const first = caseView(id);
  await record(first, [received(1)]);
  const route1 = { ...first.steps.route!, round: 1, startedAt: "2026-03-02T04:00:00.000Z", cancelled: true };
  await record(
    caseView(id, {
      status: "merged",
      mergedInto: "case-omsk-monitor-other",
      seq: 2,
      steps: { ...first.steps, route: route1 },
    }),
    [{ ...received(2), type: "merge" }],
  );
  const steps = await conn.db
    .select()
    .from(caseSteps)
    .where(eq(caseSteps.caseId, id))
    .orderBy(caseSteps.step, caseSteps.round);
  expect(steps.map((s) => [s.step, s.round, s.cancelled])).toEqual([
    ["answer", 0, false],
    ["route", 0, false],
    ["route", 1, true],
  ]);
  const row = await caseRow(id);
  expect(row).toMatchObject({ status: "merged", mergedInto: "case-omsk-monitor-other" });
  expect(row.closedAt).not.toBeNull();
});

test("a NUL byte or a lone surrogate in scraped text does not lose the case: it is stored normalised", async () => {
  const id = `case-omsk-monitor-${uid()}`;
  const view = caseView(id);
  view.message.text = "Яма\u0000 во дворе \ud83d";
  await record(view, [{ ...received(1), data: { source: "monitor\u0000" } }]);
  const row = await caseRow(id);
  expect(row.status).toBe(view.status);
  expect(JSON.stringify(row)).not.toContain("\\u0000");
  const [event] = await conn.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
  expect(event!.data).toEqual({ source: "monitor" });
});
