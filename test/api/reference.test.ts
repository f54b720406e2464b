// Read-only reference routes: regulation profiles, the planner, production calendar days with overrides.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { calendarOverrides } from "../../db/schema";
import { startTestStack, type TestStack } from "../support/stack";
import { bearer, expectProblem } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const get = async (url: string, who: string | null = "omsk.executor1") =>
  stack.app.inject({ method: "GET", url, headers: who ? await bearer(who) : {} });

test("the five regulation profiles, with their sources", async () => {
  expectProblem(await get("/v1/regulations", null), 401);
  const res = await get("/v1/regulations");
  expect(res.statusCode).toBe(200);
  const ids = res.json().map((p: { id: string }) => p.id);
  expect(ids.sort()).toEqual(["nenets", "omsk", "plastunovskaya", "yuzhno-sakhalinsk", "zarechny"]);
  expect(res.json().find((p: { id: string }) => p.id === "omsk")).toMatchObject({
    zone: "Asia/Omsk",
    calendar: "ru",
  });
});

test("a plan: Omsk, high importance, detected Monday 09:10 — route in 30 m, answer in 4 working hours", async () => {
  const res = await get("/v1/regulations/omsk/plan?start=2026-03-02T09:10:00%2B06:00&importance=high");
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({
    regulation: "omsk",
    importance: "high",
    steps: {
      route: { dueAt: "2026-03-02T09:40:00+06:00", clock: "working" },
      answer: { budget: "4h", dueAt: "2026-03-02T14:10:00+06:00", source: expect.stringMatching(/§/) },
    },
  });
  expectProblem(await get("/v1/regulations/moscow/plan?start=2026-03-02T09:10:00%2B06:00"), 404);
  const bad = expectProblem(await get("/v1/regulations/omsk/plan?start=monday"), 422);
  expect(bad.errors?.[0]?.path).toBe("querystring.start");
});

test("calendar days: kinds and working minutes, run-time overrides applied", async () => {
  const days = async () => (await get("/v1/calendars/ru/days?from=2026-11-03&to=2026-11-05")).json();
  expect(await days()).toMatchObject([
    { date: "2026-11-03", kind: "shortened", provisional: false, workingMinutes: 420 },
    {
      date: "2026-11-04",
      kind: "non_working",
      provisional: false,
      workingMinutes: 0,
      layer: "decree",
      note: expect.stringMatching(/День народного единства/), // the holiday's title in the xmlcalendar file
    },
    { date: "2026-11-05", kind: "working", provisional: false, workingMinutes: 480 },
  ]);
  // Straight into the table, not through PUT: no running case of other suites is told about this day.
  await stack.db.db
    .insert(calendarOverrides)
    .values({ calendarId: "ru", date: "2026-11-05", kind: "non_working", reason: "test", by: "omsk.admin" });
  try {
    expect((await days())[2]).toMatchObject({
      date: "2026-11-05",
      kind: "non_working",
      layer: "national",
      workingMinutes: 0,
    });
  } finally {
    await stack.db.db
      .delete(calendarOverrides)
      .where(and(eq(calendarOverrides.calendarId, "ru"), eq(calendarOverrides.date, "2026-11-05")));
  }
  expectProblem(await get("/v1/calendars/mars/days?from=2026-11-03&to=2026-11-05"), 404);
  expectProblem(await get("/v1/calendars/ru/days?from=2026-11-05&to=2026-11-03"), 422);
  const ahead = (await get("/v1/calendars/ru/days?from=2030-01-01&to=2030-01-01")).json();
  expect(ahead).toMatchObject([{ date: "2030-01-01", kind: "non_working", provisional: true }]);
  expectProblem(await get("/v1/calendars/ru/days?from=1990-01-01&to=1990-01-02"), 422);
});
