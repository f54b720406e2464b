// GET /v1/reports/monthly in its three formats and POST to generate, on the real stack (API, worker,
// Temporal dev server, PostgreSQL) over the hand-built month of month.ts.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { XLSX } from "../../../activities/reports/formats";
import { bearer, expectProblem } from "../../api/helpers";
import { startTestStack, type TestStack } from "../../support/stack";
import { buildMonth, type Month } from "./month";

let s: TestStack;
let m: Month;
const url = (q: string) => `/v1/reports/monthly?${q}`;

beforeAll(async () => {
  s = await startTestStack();
  m = await buildMonth(s.db.db);
});
afterAll(() => s.stop());

const get = async (who: string, q: string, accept?: string) =>
  s.app.inject({
    method: "GET",
    url: url(q),
    headers: { ...(await bearer(`${m.org}.${who}`)), ...(accept ? { accept } : {}) },
  });

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) cell += ch;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("before the month is generated", () => {
  test("404 problem+json", async () => {
    const body = expectProblem(await get("supervisor", `org=${m.org}&month=2026-03`), 404);
    expect(body.detail).toContain("POST /v1/reports/monthly");
  });
});

describe("POST /v1/reports/monthly", () => {
  test("admins and supervisors only", async () => {
    for (const who of ["municipal-curator", "e1"]) {
      const res = await s.app.inject({
        method: "POST",
        url: "/v1/reports/monthly",
        headers: await bearer(`${m.org}.${who}`),
        payload: { month: "2026-03" },
      });
      expectProblem(res, 403);
    }
  });

  test("runs the report workflow and answers its result; the second run e-mails (or records) nobody", async () => {
    const post = async () =>
      s.app.inject({
        method: "POST",
        url: "/v1/reports/monthly",
        headers: await bearer(`${m.org}.admin`),
        payload: { org: m.org, month: "2026-03" },
      });
    const first = await post();
    expect(first.statusCode, first.body).toBe(200);
    // This stack's worker has no SMTP_URL: the three e-mails are recorded, none is mailed.
    expect(first.json()).toMatchObject({ org: m.org, month: "2026-03", cases: 14, mailed: 0, recorded: 3 });
    const again = await post();
    expect(again.json()).toMatchObject({ cases: 14, mailed: 0, recorded: 0 });
  });

  test("another org's report: 403", async () => {
    const res = await s.app.inject({
      method: "POST",
      url: "/v1/reports/monthly",
      headers: await bearer("omsk.admin"),
      payload: { org: m.org, month: "2026-03" },
    });
    expectProblem(res, 403);
  });
});

describe("GET /v1/reports/monthly", () => {
  test("JSON by default, for supervisors, curators and admins; the data is what sql.test.ts checks", async () => {
    const bodies = [];
    for (const [who, accept] of [
      ["supervisor", undefined],
      ["municipal-curator", "application/json"],
      ["admin", "*/*"],
    ] as const) {
      const res = await get(who, `org=${m.org}&month=2026-03`, accept);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toContain("application/json");
      bodies.push(res.json());
    }
    const [body] = bodies;
    expect(bodies[1]).toEqual(body);
    expect(body).toMatchObject({
      org: m.org,
      month: "2026-03",
      previousMonth: "2026-02",
      dueBy: "2026-04-05",
      generatedAt: expect.any(String),
      figures: {
        cases: 14,
        answerMinutes: { count: 10, median: 120, p90: 600 },
        onTime: { overall: { counted: 10, onTime: 8, share: 0.8 } },
        breaches: { total: 5, cases: 3 },
        rework: { rounds: 7, cases: 4 },
      },
      previous: { cases: 4 },
      change: { cases: 10, onTimeShare: 0.1333 },
    });
    // org defaults to the caller's own.
    const own = await get("supervisor", "month=2026-03");
    expect(own.json()).toEqual(body);
  });

  test("CSV: one table of section, key, label, metric, value, previous, change", async () => {
    const res = await get("supervisor", `org=${m.org}&month=2026-03`, "text/csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="monthly-report-${m.org}-2026-03.csv"`,
    );
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const [head, ...rows] = parseCsv(res.body.slice(1));
    expect(head).toEqual(["section", "key", "label", "metric", "value", "previous", "change"]);
    const cell = (section: string, key: string, metric: string) =>
      rows.find((r) => r[0] === section && r[1] === key && r[3] === metric);
    expect(cell("summary", "", "cases")).toEqual(["summary", "", "", "cases", "14", "4", "10"]);
    expect(cell("summary", "", "answer_median_minutes")?.slice(4)).toEqual(["120", "100", "20"]);
    expect(cell("summary", "", "answer_p90_minutes")?.slice(4)).toEqual(["600", "200", "400"]);
    expect(cell("step", "route", "on_time_share")?.slice(4)).toEqual(["0.9231", "1", "-0.0769"]);
    expect(cell("step", "draft", "breached")?.slice(4)).toEqual(["1", "", ""]);
    expect(cell("rework_rounds", "3", "cases")?.slice(4)).toEqual(["1", "0", "1"]);
    expect(cell("department", m.dept("d2"), "cases")).toEqual([
      "department",
      m.dept("d2"),
      "Дороги",
      "cases",
      "5",
      "1",
      "4",
    ]);
    expect(cell("executor", m.exec("e2"), "answer_on_time_share")?.slice(2)).toEqual([
      "Петров П. П.",
      "answer_on_time_share",
      "0.6",
      "0",
      "0.6",
    ]);
    expect(cell("topic", "", "cases")?.slice(4)).toEqual(["2", "1", "1"]); // no topic: c08 c12 / p3
  });

  test("XLSX: a sheet per section and a Chart sheet drawn from cells", async () => {
    const res = await get("regional-curator", `org=${m.org}&month=2026-03`, `text/csv;q=0.5, ${XLSX}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Summary",
      "Steps",
      "Rework",
      "By status",
      "By topic",
      "By network",
      "By department",
      "By executor",
      "Quality",
      "Chart",
    ]);
    const rowOf = (sheet: string, first: string | number) => {
      const ws = wb.getWorksheet(sheet)!;
      for (let i = 1; i <= ws.rowCount; i++) {
        const values = (ws.getRow(i).values as unknown[]).slice(1);
        if (values[0] === first) return values;
      }
      return undefined;
    };
    expect(rowOf("Summary", "due by")).toEqual(["due by", "2026-04-05"]);
    expect(rowOf("Summary", "cases")).toEqual(["cases", 14, 4, 10]);
    expect(rowOf("Steps", "answer")).toEqual(["answer", 10, 8, 0, 2, 1, 2, 0.8, 0.6667, 0.1333]);
    expect(rowOf("By executor", m.exec("e1"))).toEqual([
      m.exec("e1"),
      "Иванов И. И.",
      6,
      2,
      4,
      6,
      6,
      1,
      2,
      1,
    ]);
    expect(rowOf("By department", "(none)")?.slice(0, 5)).toEqual(["(none)", "", 3, 1, 2]);
    expect(rowOf("Rework", 0)).toEqual([0, 10]);
    // Chart: bars are REPT formulas scaled to the block's largest value (closed, 9 cases: 40 blocks).
    const closed = rowOf("Chart", "closed")!;
    expect(closed[1]).toBe(9);
    expect(closed[2]).toMatchObject({ formula: expect.stringContaining('REPT("█"'), result: "█".repeat(40) });
    const triage = rowOf("Chart", "triage")!;
    expect((triage[2] as { result: string }).result).toBe("█".repeat(4)); // 1 / 9 * 40 = 4.4
    // Data bars on the value columns (exceljs keeps them in an untyped field).
    const chart = wb.getWorksheet("Chart") as unknown as {
      conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
    };
    expect(chart.conditionalFormattings.map((c) => c.rules[0]?.type)).toContain("dataBar");
  });

  test("403 for another org and for executors; 422 for a bad month", async () => {
    expectProblem(await get("supervisor", "org=omsk&month=2026-03"), 403);
    const omsk = await s.app.inject({
      method: "GET",
      url: url(`org=${m.org}&month=2026-03`),
      headers: await bearer("omsk.supervisor"),
    });
    expectProblem(omsk, 403);
    expectProblem(await get("e1", `org=${m.org}&month=2026-03`), 403);
    expectProblem(await get("supervisor", `org=${m.org}&month=2026-13`), 422);
  });

  test("a month not generated: 404", async () => {
    expectProblem(await get("supervisor", `org=${m.org}&month=2026-04`), 404);
  });
});
