import type { DecreeYear } from "./types";

// 40-hour week: 247 working days, 1973 hours (3 shortened days).
export default {
  year: 2023,
  source:
    "Government decree No 1906 of 29.08.2022 «О переносе выходных дней в 2023 году»; Labour Code art. 95, 112",
  days: [
    { date: "2023-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2023-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2023-01-04", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2023-01-05", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2023-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2023-02-22", kind: "shortened", note: "pre-holiday day before Feb 23 (Labour Code art. 95)" },
    {
      date: "2023-02-23",
      kind: "non_working",
      note: "Defender of the Fatherland Day (Labour Code art. 112)",
    },
    { date: "2023-02-24", kind: "non_working", note: "day off moved from Sun Jan 1 (decree No 1906)" },
    { date: "2023-03-07", kind: "shortened", note: "pre-holiday day before Mar 8 (Labour Code art. 95)" },
    { date: "2023-03-08", kind: "non_working", note: "International Women's Day (Labour Code art. 112)" },
    { date: "2023-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2023-05-08", kind: "non_working", note: "day off moved from Sun Jan 8 (decree No 1906)" },
    { date: "2023-05-09", kind: "non_working", note: "Victory Day (Labour Code art. 112)" },
    { date: "2023-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    { date: "2023-11-03", kind: "shortened", note: "pre-holiday day before Nov 4 (Labour Code art. 95)" },
    {
      date: "2023-11-06",
      kind: "non_working",
      note: "day off for Sat Nov 4 moved to the next working day (Labour Code art. 112 part 2)",
    },
  ],
} satisfies DecreeYear;
