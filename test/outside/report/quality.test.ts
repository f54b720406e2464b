// The monthly report's quality section (activities/reports/quality-sql.ts) over drafts and reviews built
// by hand in the read model: drafts with findings by code, per executor and department, beside the rework
// reasons the curators gave; drafts made before the checks (checks null) counted apart; other months and
// other orgs left out. Every expected number is counted from the table below.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { reportCsv, reportXlsx } from "../../../activities/reports/formats";
import { buildMonthlyReport, type MonthlyReport } from "../../../activities/reports/monthly";
import type { DraftCheckCode, Finding } from "../../../checks";
import { createDb } from "../../../db/client";
import { cases, departments, drafts, orgs, reviews, staff } from "../../../db/schema";

let conn: ReturnType<typeof createDb>;
let r: MonthlyReport;
const org = `quality-${randomUUID().slice(0, 8)}`;
const id = (s: string) => `${org}.${s}`;

type F = Finding[];
const f = (...codes: DraftCheckCode[]): F => codes.map((code) => ({ code, message: code }));
// [case, received, author, checks (null: before the checks), rework reasons given to this draft]
// biome-ignore format: one draft per line reads as a table
const table: Array<[string, string, string, F | null, string[] | null]> = [
  ["a", "2026-03-02", "e1", f("no_greeting", "spelling", "spelling"), ["no_greeting", "spelling"]],
  ["a", "2026-03-02", "e1", [], null],
  ["b", "2026-03-03", "e1", f("bureaucratese"), ["format"]],
  ["b", "2026-03-03", "e1", f("bureaucratese", "redirect"), ["format", "redirect"]],
  ["b", "2026-03-03", "e1", [], null],
  ["c", "2026-03-04", "e2", [], null],
  ["d", "2026-03-05", "e2", null, ["other"]],
  ["e", "2026-03-06", "e3", f("too_many_citations"), null],
  ["x", "2026-02-27", "e1", f("spelling"), ["spelling"]], // February: not in March
];

beforeAll(async () => {
  conn = createDb(inject("databaseUrl"), { max: 2 });
  const db = conn.db;
  await db
    .insert(orgs)
    .values({ id: org, name: "Качество", regulation: "plastunovskaya", zone: "Europe/Moscow" });
  await db.insert(departments).values([
    { id: id("d1"), orgId: org, name: "ЖКХ" },
    { id: id("d2"), orgId: org, name: "Дороги" },
  ]);
  await db.insert(staff).values([
    { id: id("e1"), orgId: org, name: "Иванов", roles: ["executor"], departmentId: id("d1") },
    { id: id("e2"), orgId: org, name: "Петров", roles: ["executor"], departmentId: id("d2") },
    { id: id("e3"), orgId: org, name: "Сидоров", roles: ["executor"] },
  ]);
  const versions = new Map<string, number>();
  for (const [c, day, by, checks, reasons] of table) {
    const caseId = `case-${org}-hand-${c}`;
    const version = (versions.get(c) ?? 0) + 1;
    versions.set(c, version);
    const at = `${day}T10:00:00+03:00`;
    if (version === 1)
      await db.insert(cases).values({
        caseId,
        workflowId: caseId,
        orgId: org,
        regulation: "plastunovskaya",
        source: "hand",
        externalId: c,
        status: "review",
        importance: "normal",
        network: "vk",
        channel: "comment",
        url: `https://example.test/${c}`,
        text: "сообщение",
        publishedAt: at,
        detectedAt: at,
        receivedAt: at,
        snapshot: {},
        lastSeq: 1,
      });
    await db.insert(drafts).values({ caseId, version, kind: "final", text: "ответ", by: id(by), at, checks });
    if (reasons)
      await db.insert(reviews).values({
        caseId,
        draftVersion: version,
        tier: "single",
        by: id("curator"),
        at,
        verdict: "rework",
        reasons,
        comment: "доработать",
      });
  }
  r = await buildMonthlyReport(db, org, "2026-03");
});
afterAll(() => conn.close());

test("the org: 8 drafts, 7 checked, 4 with findings; by code each draft once; the rework reasons beside", () => {
  expect(r.figures.quality.total).toEqual({
    key: null,
    label: null,
    drafts: 8,
    checked: 7,
    withFindings: 4,
    share: 0.5714,
    byCode: { no_greeting: 1, spelling: 1, bureaucratese: 2, redirect: 1, too_many_citations: 1 },
    reworkReasons: { no_greeting: 1, spelling: 1, format: 2, redirect: 1, other: 1 },
  });
  expect(r.previous.quality.total).toMatchObject({ drafts: 1, checked: 1, withFindings: 1 });
});

test("per executor and per department (e3 has none: key null)", () => {
  const ex = Object.fromEntries(r.figures.quality.by.executor.map((g) => [g.key, g]));
  expect(ex[id("e1")]).toMatchObject({ label: "Иванов", drafts: 5, checked: 5, withFindings: 3, share: 0.6 });
  expect(ex[id("e1")]!.byCode).toEqual({ no_greeting: 1, spelling: 1, bureaucratese: 2, redirect: 1 });
  expect(ex[id("e2")]).toMatchObject({ drafts: 2, checked: 1, withFindings: 0, share: 0, byCode: {} });
  expect(ex[id("e2")]!.reworkReasons).toEqual({ other: 1 });
  expect(ex[id("e3")]).toMatchObject({ drafts: 1, withFindings: 1, byCode: { too_many_citations: 1 } });
  const dep = Object.fromEntries(r.figures.quality.by.department.map((g) => [g.key, g]));
  expect(dep[id("d1")]).toMatchObject({ label: "ЖКХ", drafts: 5, withFindings: 3 });
  expect(dep[id("d2")]).toMatchObject({ label: "Дороги", drafts: 2, checked: 1 });
  expect(dep.null).toMatchObject({ drafts: 1, withFindings: 1 });
});

test("CSV: the quality rows beside the previous month", () => {
  const lines = reportCsv(r).split("\r\n");
  expect(lines).toContain("quality,,,with_findings_share,0.5714,1,-0.4286");
  expect(lines).toContain("quality,,,findings_bureaucratese,2,0,2");
  expect(lines).toContain("quality,,,rework_format,2,0,2");
  expect(lines).toContain(`quality_executor,${id("e1")},Иванов,with_findings,3,1,2`);
  expect(lines).toContain(`quality_department,${id("d2")},Дороги,rework_other,1,0,1`);
});

test("XLSX: the Quality sheet, codes and rework reasons as columns", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportXlsx(r)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Quality")!;
  const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
  const head = rows[0]!.slice(1);
  const org = Object.fromEntries(head.map((h, i) => [String(h), rows[1]![i + 1]]));
  expect(org).toMatchObject({ scope: "org", drafts: 8, checked: 7, "with findings": 4, share: 0.5714 });
  expect(org).toMatchObject({ bureaucratese: 2, spelling: 1, "rework: format": 2, "rework: other": 1 });
  expect(rows.map((x) => x[1])).toEqual([
    "scope",
    "org",
    "department",
    "department",
    "department",
    "executor",
    "executor",
    "executor",
  ]);
});
