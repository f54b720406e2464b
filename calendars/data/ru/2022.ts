import type { DecreeYear } from "./types";

// 40-hour week: 247 working days, 1973 hours (3 shortened days).
export default {
  year: 2022,
  source:
    "Government decree No 1564 of 16.09.2021 «О переносе выходных дней в 2022 году»; Labour Code art. 95, 112",
  days: [
    { date: "2022-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2022-01-04", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2022-01-05", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2022-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2022-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2022-02-22", kind: "shortened", note: "pre-holiday day before Feb 23 (Labour Code art. 95)" },
    {
      date: "2022-02-23",
      kind: "non_working",
      note: "Defender of the Fatherland Day (Labour Code art. 112)",
    },
    {
      date: "2022-03-05",
      kind: "shortened",
      note: "working Saturday moved to Mon Mar 7, pre-holiday shortened (decree No 1564; Labour Code art. 95)",
    },
    { date: "2022-03-07", kind: "non_working", note: "day off moved from Sat Mar 5 (decree No 1564)" },
    { date: "2022-03-08", kind: "non_working", note: "International Women's Day (Labour Code art. 112)" },
    {
      date: "2022-05-02",
      kind: "non_working",
      note: "day off for Sun May 1 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2022-05-03", kind: "non_working", note: "day off moved from Sat Jan 1 (decree No 1564)" },
    { date: "2022-05-09", kind: "non_working", note: "Victory Day (Labour Code art. 112)" },
    { date: "2022-05-10", kind: "non_working", note: "day off moved from Sun Jan 2 (decree No 1564)" },
    {
      date: "2022-06-13",
      kind: "non_working",
      note: "day off for Sun Jun 12 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2022-11-03", kind: "shortened", note: "pre-holiday day before Nov 4 (Labour Code art. 95)" },
    { date: "2022-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
  ],
} satisfies DecreeYear;
