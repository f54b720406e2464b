// GET /v1/cases (filters, cursor pagination), GET /v1/cases/:caseId from the read model once closed, the
// timeline, and who sees what: other orgs never, executors only their department's cases.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";
import { type FixtureCase, insertFixtures } from "./fixtures";
import { bearer, expectProblem, uniqueId } from "./helpers";

let stack: TestStack;
const token = uniqueId("zq").replaceAll("-", "");
const id = (n: number) => `case-omsk-fixture-${token}-${n}`;
const housing = { staffId: "omsk.executor1", department: "omsk.housing" };
const roads = { staffId: "omsk.executor2", department: "omsk.roads" };
const at = (minute: number) =>
  `2026-03-02T0${3 + Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}:00Z`;
const fixtures: FixtureCase[] = [
  { caseId: id(1), createdAt: at(1), text: `Яма ${token} на Ленина`, topic: "Дороги", assignees: [roads] },
  {
    caseId: id(2),
    createdAt: at(2),
    text: `Нет воды ${token}`,
    topic: "ЖКХ",
    importance: "high",
    assignees: [housing],
    status: "drafting",
  },
  { caseId: id(3), createdAt: at(3), text: `Мусор ${token.toUpperCase()}`, overdue: true, status: "triage" },
  {
    caseId: id(4),
    createdAt: at(4),
    text: `Отопление ${token}`,
    topic: "ЖКХ",
    assignees: [housing, roads],
    status: "closed",
  },
  { caseId: id(5), createdAt: at(5), text: `Снег ${token}`, topic: "Дороги", status: "rejected" },
  { caseId: `case-zarechny-fixture-${token}-6`, org: "zarechny", createdAt: at(6), text: `Чужой ${token}` },
];

beforeAll(async () => {
  stack = await startTestStack();
  await insertFixtures(stack, fixtures);
});
afterAll(async () => {
  await stack?.stop();
});

async function ids(query: string, who = "omsk.curator"): Promise<string[]> {
  const res = await stack.app.inject({
    method: "GET",
    url: `/v1/cases?q=${token}&${query}`,
    headers: await bearer(who),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((c: { caseId: string }) => c.caseId);
}

describe("list filters", () => {
  test("text search is case-insensitive, newest first, own org only", async () => {
    expect(await ids("")).toEqual([id(5), id(4), id(3), id(2), id(1)]);
    expect(await ids("", "zarechny.curator")).toEqual([`case-zarechny-fixture-${token}-6`]);
  });
  test("status (one or several), importance, topic, overdue", async () => {
    expect(await ids("status=triage")).toEqual([id(3), id(1)]);
    expect(await ids("status=closed,rejected")).toEqual([id(5), id(4)]);
    expect(await ids("importance=high")).toEqual([id(2)]);
    expect(await ids(`topic=${encodeURIComponent("ЖКХ")}`)).toEqual([id(4), id(2)]);
    expect(await ids("overdue=true")).toEqual([id(3)]);
    expect(await ids("overdue=false")).toHaveLength(4);
  });
  test("assignee and created range (from inclusive, to exclusive)", async () => {
    expect(await ids("assignee=omsk.executor2")).toEqual([id(4), id(1)]);
    expect(await ids(`createdFrom=${at(2)}&createdTo=${at(4)}`)).toEqual([id(3), id(2)]);
  });
  test("bad filters are 422 with the field; another org is 403", async () => {
    const bad = await stack.app.inject({
      method: "GET",
      url: "/v1/cases?status=lost&overdue=maybe",
      headers: await bearer("omsk.curator"),
    });
    const p = expectProblem(bad, 422);
    expect(p.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["querystring.overdue"]));
    const foreign = await stack.app.inject({
      method: "GET",
      url: "/v1/cases?org=zarechny",
      headers: await bearer("omsk.admin"),
    });
    expectProblem(foreign, 403);
    expect(await ids("org=omsk", "omsk.supervisor")).toHaveLength(5);
  });
});

test("cursor pagination walks every case once, in order", async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await stack.app.inject({
      method: "GET",
      url: `/v1/cases?q=${token}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      headers: await bearer("omsk.curator"),
    });
    const body = res.json() as { items: Array<{ caseId: string }>; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(2);
    seen.push(...body.items.map((c) => c.caseId));
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(pages).toBe(3);
  expect(seen).toEqual([id(5), id(4), id(3), id(2), id(1)]);
  const bad = await stack.app.inject({
    method: "GET",
    url: "/v1/cases?cursor=bm9wZQ",
    headers: await bearer("omsk.curator"),
  });
  expectProblem(bad, 422);
});

describe("executor isolation", () => {
  test("an executor lists only its department's cases", async () => {
    expect(await ids("", "omsk.executor1")).toEqual([id(4), id(2)]);
    expect(await ids("", "omsk.executor2")).toEqual([id(4), id(1)]);
  });
  test("an executor reads its department's case and is refused another's", async () => {
    const mine = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(4)}`,
      headers: await bearer("omsk.executor1"),
    });
    expect(mine.statusCode).toBe(200);
    const other = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(1)}`,
      headers: await bearer("omsk.executor1"),
    });
    expectProblem(other, 403);
    const timeline = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(1)}/timeline`,
      headers: await bearer("omsk.executor1"),
    });
    expectProblem(timeline, 403);
  });
});

describe("one case", () => {
  test("a closed case is served from the read model's snapshot, with the author for its own org", async () => {
    const res = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(4)}`,
      headers: await bearer("omsk.curator"),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["case-source"]).toBe("read-model");
    expect(res.json()).toMatchObject({
      caseId: id(4),
      status: "closed",
      message: { author: { name: "Иван Петров" } },
    });
  });
  test("another org's case is 404, the same as a case that does not exist", async () => {
    const foreign = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(4)}`,
      headers: await bearer("zarechny.curator"),
    });
    const missing = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/case-omsk-nope-${token}`,
      headers: await bearer("omsk.curator"),
    });
    expect(expectProblem(foreign, 404).title).toBe(expectProblem(missing, 404).title);
    expectProblem(
      await stack.app.inject({
        method: "GET",
        url: `/v1/cases/${id(4)}/timeline`,
        headers: await bearer("zarechny.admin"),
      }),
      404,
    );
  });
  test("the timeline lists the audit trail in sequence", async () => {
    const res = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id(2)}/timeline`,
      headers: await bearer("omsk.supervisor"),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      caseId: id(2),
      events: [
        { seq: 1, type: "received", actor: null },
        { seq: 2, type: "triage", actor: "omsk.curator", data: { topic: "ЖКХ" } },
      ],
    });
  });
});

test("the list and the timeline give instants in the org's offset, as the case view does (Omsk: +06:00)", async () => {
  const list = await stack.app.inject({
    method: "GET",
    url: `/v1/cases?q=${token}&status=triage`,
    headers: await bearer("omsk.curator"),
  });
  expect(list.statusCode, list.body).toBe(200);
  const [row] = list.json().items;
  expect(row.createdAt).toBe("2026-03-02T09:03:00+06:00"); // fixture: 03:03Z
  for (const k of ["receivedAt", "updatedAt", "answerDueAt"])
    if (row[k] !== null) expect(row[k], k).toMatch(/\+06:00$/);
  const timeline = await stack.app.inject({
    method: "GET",
    url: `/v1/cases/${id(2)}/timeline`,
    headers: await bearer("omsk.supervisor"),
  });
  for (const e of timeline.json().events) expect(e.at).toMatch(/\+06:00$/);
});
