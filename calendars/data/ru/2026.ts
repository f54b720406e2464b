import type { DecreeYear } from "./types";

// 40-hour week: 247 working days, 1972 hours (4 shortened days).
export default {
  year: 2026,
  source:
    "Government decree No 1466 of 24.09.2025 «О переносе выходных дней в 2026 году»; Labour Code art. 95, 112",
  days: [
    { date: "2026-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2026-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2026-01-05", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2026-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2026-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2026-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2026-01-09", kind: "non_working", note: "day off moved from Sat Jan 3 (decree No 1466)" },
    {
      date: "2026-02-23",
      kind: "non_working",
      note: "Defender of the Fatherland Day (Labour Code art. 112)",
    },
    {
      date: "2026-03-09",
      kind: "non_working",
      note: "day off for Sun Mar 8 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2026-04-30", kind: "shortened", note: "pre-holiday day before May 1 (Labour Code art. 95)" },
    { date: "2026-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2026-05-08", kind: "shortened", note: "pre-holiday day before May 9 (Labour Code art. 95)" },
    {
      date: "2026-05-11",
      kind: "non_working",
      note: "day off for Sat May 9 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2026-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    { date: "2026-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    { date: "2026-11-03", kind: "shortened", note: "pre-holiday day before Nov 4 (Labour Code art. 95)" },
    { date: "2026-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    { date: "2026-12-31", kind: "non_working", note: "day off moved from Sun Jan 4 (decree No 1466)" },
  ],
} satisfies DecreeYear;
