import type { DecreeYear } from "./types";

// 40-hour week: 247 working days, 1972 hours (4 shortened days).
// Uncertain from memory: whether the day off for Sun Feb 23 went to Mon Feb 24 (art. 112 part 2) or was moved
// by the decree to Thu May 8. May 1–4 and 8–11 off with Feb 24 working is the reading that gives 247 days;
// Feb 24 off as well would give 246.
export default {
  year: 2025,
  source:
    "Government decree No 1335 of 04.10.2024 «О переносе выходных дней в 2025 году»; Labour Code art. 95, 112",
  days: [
    { date: "2025-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2025-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2025-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2025-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2025-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2025-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2025-03-07", kind: "shortened", note: "pre-holiday day before Mar 8 (Labour Code art. 95)" },
    {
      date: "2025-03-10",
      kind: "non_working",
      note: "day off for Sat Mar 8 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2025-04-30", kind: "shortened", note: "pre-holiday day before May 1 (Labour Code art. 95)" },
    { date: "2025-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2025-05-02", kind: "non_working", note: "day off moved from Sat Jan 4 (decree No 1335)" },
    { date: "2025-05-08", kind: "non_working", note: "day off for Sun Feb 23 moved here (decree No 1335)" },
    { date: "2025-05-09", kind: "non_working", note: "Victory Day (Labour Code art. 112)" },
    { date: "2025-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    { date: "2025-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    {
      date: "2025-11-01",
      kind: "shortened",
      note: "working Saturday, its day off moved to Mon Nov 3, pre-holiday shortened (decree No 1335; Labour Code art. 95)",
    },
    { date: "2025-11-03", kind: "non_working", note: "day off moved from Sat Nov 1 (decree No 1335)" },
    { date: "2025-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    { date: "2025-12-31", kind: "non_working", note: "day off moved from Sun Jan 5 (decree No 1335)" },
  ],
} satisfies DecreeYear;
