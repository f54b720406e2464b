// CSV cells of the monthly report (activities/reports/formats.ts): texts a spreadsheet would take for a
// formula are neutralised (issue 16: a topic `=HYPERLINK(…)` set by an integrator's hint); numbers are not.
import { expect, test } from "vitest";
import { csvCell } from "../../activities/reports/formats";

test.each([
  ['=HYPERLINK("https://evil.example","Отчёт")', `"'=HYPERLINK(""https://evil.example"",""Отчёт"")"`],
  ["+7 913 000-00-00", "'+7 913 000-00-00"],
  ["-2+3", "'-2+3"],
  ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
  ["\t=1+1", "'\t=1+1"],
  ["\r=1+1", `"'\r=1+1"`],
  ["Дороги", "Дороги"],
  ["ЖКХ, дворы", '"ЖКХ, дворы"'],
  ["a=b", "a=b"],
])("the text %j is written %j", (text, cell) => {
  expect(csvCell(text)).toBe(cell);
});

test("numbers (a negative change too) and empty values stay as they are", () => {
  expect(csvCell(-0.25)).toBe("-0.25");
  expect(csvCell(12)).toBe("12");
  expect(csvCell(null)).toBe("");
});
