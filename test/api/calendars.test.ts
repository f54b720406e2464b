// Calendars by layer on the real stack (Temporal dev server + PostgreSQL): the national calendar is changed
// only by a platform admin or a decree import, an org's admin changes only the org's own layer, and each
// change reaches the running cases it can move through the bounded fan-out (workflows/calendar-fan-out.ts).
// Dates are in 2027, which no other suite uses, so the changes here move no other suite's deadlines.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { fanOutQuery } from "../../activities/calendar-fan-out";
import { calendarChanged, getCase } from "../../workflows/actions";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const call = async (method: "GET" | "PUT" | "POST" | "DELETE", url: string, who: string, payload?: object) =>
  stack.app.inject({ method, url, headers: await bearer(who), ...(payload ? { payload } : {}) });

const FIXTURE_2027 = readFileSync(
  join(import.meta.dirname, "../calendars/fixtures/ru-2027-decree.xml"),
  "utf8",
);

/** Starts a case detected at `at` and waits until visibility lists it with its answer due (the fan-out's query). */
async function openCase(org: string, at: string) {
  const externalId = uniqueId("cal");
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: message(org, externalId, { publishedAt: at, detectedAt: at }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseId = res.json().caseId as string;
  await eventually(async () => {
    const view = await stack.client.workflow.getHandle(caseId).query(getCase);
    if (!view.answerDueAt) return false;
    const listed = stack.client.workflow.list({
      query: `WorkflowId = '${caseId}' AND ${fanOutQuery([org], at.slice(0, 10))}`,
    });
    for await (const _ of listed) return true;
    return false;
  }, 20_000);
  return caseId;
}

const answerDue = async (caseId: string) =>
  (await stack.client.workflow.getHandle(caseId).query(getCase)).answerDueAt;
const signals = async (caseId: string) =>
  ((await stack.client.workflow.getHandle(caseId).fetchHistory()).events ?? []).filter(
    (e) => e.workflowExecutionSignaledEventAttributes?.signalName === calendarChanged.name,
  ).length;
const fanOutDone = (workflowId: string) => stack.client.workflow.getHandle(workflowId).result();

describe("who changes which layer", () => {
  test("the shared write is closed: an org admin (or curator) may not change the national calendar", async () => {
    const day = { overrides: [{ date: "2027-06-02", kind: "non_working", reason: "omsk wants it" }] };
    expectProblem(await call("PUT", "/v1/calendars/ru/overrides", "omsk.admin", day), 403);
    expectProblem(await call("PUT", "/v1/calendars/ru/overrides", "omsk.curator", day), 403);
    expectProblem(await call("POST", "/v1/calendars/ru/imports", "omsk.admin", { xml: FIXTURE_2027 }), 403);
  });

  test("an org admin edits only the org's own layer; a bad day is 422", async () => {
    const day = { days: [{ date: "2027-06-03", kind: "non_working", reason: "x" }] };
    expectProblem(await call("PUT", "/v1/orgs/nenets/calendar/days", "omsk.admin", day), 403);
    expectProblem(await call("PUT", "/v1/orgs/omsk/calendar/days", "omsk.curator", day), 403);
    const bad = await call("PUT", "/v1/orgs/omsk/calendar/days", "omsk.admin", {
      days: [{ date: "2027-13-01", kind: "holiday", reason: "" }],
    });
    expect(expectProblem(bad, 422).errors?.length).toBeGreaterThanOrEqual(2);
    expectProblem(
      await call("PUT", "/v1/orgs/omsk/calendar/days", "omsk.admin", {
        days: [{ date: "2040-01-02", kind: "non_working", reason: "far" }],
      }),
      422,
    );
  });
});

describe("an omsk admin's own day off", () => {
  test("moves omsk's running case and leaves nenets' days and cases untouched", async () => {
    // Tue Jun 1 2027 09:00: omsk's answer (9 working hours) is due Wed Jun 2 10:00 (+06), nenets' (8 h) Jun 1 18:00.
    const omskCase = await openCase("omsk", "2027-06-01T09:00:00+06:00");
    const nenetsCase = await openCase("nenets", "2027-06-01T09:00:00+03:00");
    expect(await answerDue(omskCase)).toBe("2027-06-02T10:00:00+06:00");
    const nenetsBefore = await answerDue(nenetsCase);
    const nenetsSignals = await signals(nenetsCase);

    const res = await call("PUT", "/v1/orgs/omsk/calendar/days", "omsk.admin", {
      days: [{ date: "2027-06-02", kind: "non_working", reason: "test: a local day off in Omsk" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      orgId: "omsk",
      days: [{ date: "2027-06-02", kind: "non_working", by: "omsk.admin" }],
    });
    const done = await fanOutDone(res.json().fanOut);
    expect(done.signalled).toBeGreaterThanOrEqual(1);
    // Jun 2 off: the 9th hour is Thu Jun 3 09:00–10:00.
    await eventually(async () => (await answerDue(omskCase)) === "2027-06-03T10:00:00+06:00");

    const omskDays = await call(
      "GET",
      "/v1/orgs/omsk/calendar/days?from=2027-06-01&to=2027-06-02",
      "omsk.curator",
    );
    expect(omskDays.json()).toMatchObject([
      { date: "2027-06-01", kind: "working", layer: "week", workingMinutes: 480 },
      { date: "2027-06-02", kind: "non_working", layer: "org", workingMinutes: 0 },
    ]);
    const nenetsDays = await call(
      "GET",
      "/v1/orgs/nenets/calendar/days?from=2027-06-02&to=2027-06-02",
      "nenets.admin",
    );
    expect(nenetsDays.json()).toMatchObject([{ date: "2027-06-02", kind: "working", layer: "week" }]);
    expectProblem(
      await call("GET", "/v1/orgs/nenets/calendar/days?from=2027-06-02&to=2027-06-02", "omsk.admin"),
      403,
    );
    const national = await call("GET", "/v1/calendars/ru/days?from=2027-06-02&to=2027-06-02", "omsk.admin");
    expect(national.json()).toMatchObject([{ kind: "working", layer: "week" }]);
    expect(await answerDue(nenetsCase)).toBe(nenetsBefore);
    expect(await signals(nenetsCase)).toBe(nenetsSignals);

    // Removed again: the national day applies, and the case moves back.
    const undo = await call("DELETE", "/v1/orgs/omsk/calendar/days", "omsk.admin", { dates: ["2027-06-02"] });
    expect(undo.json()).toMatchObject({ removed: ["2027-06-02"] });
    await fanOutDone(undo.json().fanOut);
    await eventually(async () => (await answerDue(omskCase)) === "2027-06-02T10:00:00+06:00");
  });
});

describe("the bounded fan-out", () => {
  test("pages of pageSize, one after another, continuing as new; only cases due after the changed day", async () => {
    // Five zarechny cases due in Aug 2027 and one due in Jul 2027: a change from Aug 2 reaches the five.
    const cases = [];
    for (let i = 0; i < 5; i++) cases.push(await openCase("zarechny", "2027-08-02T10:00:00+03:00"));
    const early = await openCase("zarechny", "2027-07-01T10:00:00+03:00");
    const before = await signals(early);
    const run = await stack.client.workflow.start("calendarFanOut", {
      workflowId: uniqueId("calendar-fan-out-test"),
      taskQueue: stack.taskQueue,
      args: [
        {
          calendarId: "ru",
          version: 1,
          orgs: ["zarechny"],
          from: "2027-08-02",
          pageSize: 2,
          concurrency: 2,
          pagesPerRun: 2,
        },
      ],
    });
    const done = await run.result();
    expect(done.listed).toBeGreaterThanOrEqual(5);
    expect(done.pages).toBeGreaterThanOrEqual(3); // 5 cases or more, 2 a page
    for (const c of cases) expect(await signals(c)).toBe(1);
    expect(await signals(early)).toBe(before);
    // It continued as new after 2 pages: the first run's history ends so.
    const first = await stack.client.workflow
      .getHandle(run.workflowId, run.firstExecutionRunId)
      .fetchHistory();
    expect(first.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });
});

describe("a new decree without a release", () => {
  test("a platform admin's import of the 2027 file moves a running case's pending deadline", async () => {
    // Wed Nov 3 2027 16:00 (+06), provisional: Nov 3 shortened (1 h), Nov 4 holiday, Nov 5 worked (8 h) -> 18:00.
    const c = await openCase("omsk", "2027-11-03T16:00:00+06:00");
    expect(await answerDue(c)).toBe("2027-11-05T18:00:00+06:00");
    // Invalid files are refused and store nothing.
    const broken = FIXTURE_2027.replace('<day d="11.05" t="1" f="01.02"/>', '<day d="11.04" t="1"/>');
    const refused = await call("POST", "/v1/calendars/ru/imports", "omsk.platform-admin", { xml: broken });
    expect(expectProblem(refused, 422).detail).toMatch(/2027-11-04 listed twice/);

    const res = await call("POST", "/v1/calendars/ru/imports", "omsk.platform-admin", { xml: FIXTURE_2027 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ calendarId: "ru", year: 2027 });
    expect(res.json().changed).toEqual([
      { date: "2027-02-20", before: "non_working", after: "shortened" },
      { date: "2027-02-22", before: "shortened", after: "non_working" },
      { date: "2027-11-05", before: "working", after: "non_working" },
      { date: "2027-12-30", before: "shortened", after: "working" },
    ]);
    const done = await fanOutDone(res.json().fanOut);
    expect(done.signalled).toBeGreaterThanOrEqual(1);
    // Nov 5 off by the decree: weekend, then Mon Nov 8 09–13, 14–18.
    await eventually(async () => (await answerDue(c)) === "2027-11-08T18:00:00+06:00");
    const days = await call(
      "GET",
      "/v1/orgs/omsk/calendar/days?from=2027-11-05&to=2027-11-05",
      "omsk.curator",
    );
    expect(days.json()).toMatchObject([{ kind: "non_working", layer: "imported", provisional: false }]);

    // The same file again is a new version that changes no day: nothing to fan out.
    const again = await call("POST", "/v1/calendars/ru/imports", "omsk.platform-admin", {
      xml: FIXTURE_2027,
    });
    expect(again.json()).toMatchObject({ changed: [], fanOut: null });
    expect(again.json().version).toBeGreaterThan(res.json().version);
    const versions = (await call("GET", "/v1/calendars/ru/versions", "omsk.admin")).json();
    expect(versions.slice(0, 2)).toMatchObject([
      { version: again.json().version, year: 2027, by: "omsk.platform-admin" },
      {
        version: res.json().version,
        year: 2027,
        source: expect.stringMatching(/imported xmlcalendar ru\/2027/),
      },
    ]);
    expectProblem(await call("GET", "/v1/calendars/ru/versions", "omsk.curator"), 403);
  });

  test("`calendar import` of a changed 2027 file (Fri Sep 10 off) moves a running case too", async () => {
    // Thu Sep 9 2027 10:00 (+06): 7 h that day, then Fri Sep 10 09:00 + 2 h.
    const c = await openCase("omsk", "2027-09-09T10:00:00+06:00");
    expect(await answerDue(c)).toBe("2027-09-10T11:00:00+06:00");
    const dir = mkdtempSync(join(tmpdir(), "decree-"));
    const file = join(dir, "calendar.xml");
    writeFileSync(
      file,
      FIXTURE_2027.replace('<day d="11.03" t="2"/>', '<day d="09.10" t="1"/>\n<day d="11.03" t="2"/>'),
    );
    const r = spawnSync("npx", ["tsx", "cli/main.ts", "calendar", "import", file, "--by", "test"], {
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: inject("databaseUrl"),
        TEMPORAL_ADDRESS: inject("temporalAddress"),
        TEMPORAL_TASK_QUEUE: stack.taskQueue,
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      year: 2027,
      changed: [{ date: "2027-09-10", before: "working", after: "non_working" }],
    });
    await fanOutDone(out.fanOut);
    await eventually(async () => (await answerDue(c)) === "2027-09-13T11:00:00+06:00");
  });

  test("a platform admin's national override reaches every org on the calendar", async () => {
    const c = await openCase("nenets", "2027-06-07T09:00:00+03:00"); // Mon: 8 h -> 18:00 the same day
    expect(await answerDue(c)).toBe("2027-06-07T18:00:00+03:00");
    const res = await call("PUT", "/v1/calendars/ru/overrides", "omsk.platform-admin", {
      overrides: [{ date: "2027-06-07", kind: "non_working", reason: "test: an emergency decree" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    await fanOutDone(res.json().fanOut);
    await eventually(async () => (await answerDue(c)) === "2027-06-08T18:00:00+03:00");
  });
});
