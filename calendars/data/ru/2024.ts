import type { DecreeYear } from "./types";

// 40-hour week: 248 working days, 1979 hours (5 shortened days).
// Uncertain from memory: which working Saturday is shortened. Nov 2 (before Sun Nov 3 and the Nov 4 holiday)
// is taken as shortened, Apr 27 and Dec 28 as full days; any other choice breaks the 1979-hour total.
export default {
  year: 2024,
  source:
    "Government decree No 1306 of 10.08.2023 «О переносе выходных дней в 2024 году»; Labour Code art. 95, 112",
  days: [
    { date: "2024-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-01-04", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-01-05", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2024-02-22", kind: "shortened", note: "pre-holiday day before Feb 23 (Labour Code art. 95)" },
    {
      date: "2024-02-23",
      kind: "non_working",
      note: "Defender of the Fatherland Day (Labour Code art. 112)",
    },
    { date: "2024-03-07", kind: "shortened", note: "pre-holiday day before Mar 8 (Labour Code art. 95)" },
    { date: "2024-03-08", kind: "non_working", note: "International Women's Day (Labour Code art. 112)" },
    {
      date: "2024-04-27",
      kind: "working",
      note: "working Saturday, its day off moved to Mon Apr 29 (decree No 1306)",
    },
    { date: "2024-04-29", kind: "non_working", note: "day off moved from Sat Apr 27 (decree No 1306)" },
    { date: "2024-04-30", kind: "non_working", note: "day off moved from Sat Nov 2 (decree No 1306)" },
    { date: "2024-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2024-05-08", kind: "shortened", note: "pre-holiday day before May 9 (Labour Code art. 95)" },
    { date: "2024-05-09", kind: "non_working", note: "Victory Day (Labour Code art. 112)" },
    { date: "2024-05-10", kind: "non_working", note: "day off moved from Sat Jan 6 (decree No 1306)" },
    { date: "2024-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    { date: "2024-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    {
      date: "2024-11-02",
      kind: "shortened",
      note: "working Saturday, its day off moved to Tue Apr 30, pre-holiday shortened (decree No 1306; Labour Code art. 95)",
    },
    { date: "2024-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    {
      date: "2024-12-28",
      kind: "working",
      note: "working Saturday, its day off moved to Mon Dec 30 (decree No 1306)",
    },
    { date: "2024-12-30", kind: "non_working", note: "day off moved from Sat Dec 28 (decree No 1306)" },
    { date: "2024-12-31", kind: "non_working", note: "day off moved from Sun Jan 7 (decree No 1306)" },
  ],
} satisfies DecreeYear;
