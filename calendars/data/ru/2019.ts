import type { DecreeYear } from "./types";

// 40-hour week: 247 working days, 1970 hours (6 shortened days).
export default {
  year: 2019,
  source:
    "Government decree No 1163 of 01.10.2018 «О переносе выходных дней в 2019 году»; Labour Code art. 95, 112",
  days: [
    { date: "2019-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2019-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2019-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2019-01-04", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2019-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2019-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2019-02-22", kind: "shortened", note: "pre-holiday day before Feb 23 (Labour Code art. 95)" },
    { date: "2019-03-07", kind: "shortened", note: "pre-holiday day before Mar 8 (Labour Code art. 95)" },
    { date: "2019-03-08", kind: "non_working", note: "International Women's Day (Labour Code art. 112)" },
    { date: "2019-04-30", kind: "shortened", note: "pre-holiday day before May 1 (Labour Code art. 95)" },
    { date: "2019-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2019-05-02", kind: "non_working", note: "day off moved from Sat Jan 5 (decree No 1163)" },
    { date: "2019-05-03", kind: "non_working", note: "day off moved from Sun Jan 6 (decree No 1163)" },
    { date: "2019-05-08", kind: "shortened", note: "pre-holiday day before May 9 (Labour Code art. 95)" },
    { date: "2019-05-09", kind: "non_working", note: "Victory Day (Labour Code art. 112)" },
    { date: "2019-05-10", kind: "non_working", note: "day off moved from Sat Feb 23 (decree No 1163)" },
    { date: "2019-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    { date: "2019-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    { date: "2019-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    { date: "2019-12-31", kind: "shortened", note: "pre-holiday day before Jan 1 (Labour Code art. 95)" },
  ],
} satisfies DecreeYear;
