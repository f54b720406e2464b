import type { DecreeYear } from "./types";

// 40-hour week under the Government decree alone: 248 working days, 1979 hours (5 shortened days).
// The presidential non-working days (29 weekdays, two of them shortened) take that to 219 days, 1749 hours.
export default {
  year: 2020,
  source:
    "Government decree No 1375 of 10.11.2019 «О переносе выходных дней в 2020 году»; Presidential decrees No 206 of 25.03.2020, No 239 of 02.04.2020, No 294 of 28.04.2020, No 345 of 29.05.2020, No 354 of 01.06.2020; Labour Code art. 95, 112",
  days: [
    { date: "2020-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2020-01-02", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2020-01-03", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2020-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2020-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2020-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    {
      date: "2020-02-24",
      kind: "non_working",
      note: "day off for Sun Feb 23 moved to the next working day (Labour Code art. 112 part 2)",
    },
    {
      date: "2020-03-09",
      kind: "non_working",
      note: "day off for Sun Mar 8 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2020-04-30", kind: "shortened", note: "pre-holiday day before May 1 (Labour Code art. 95)" },
    { date: "2020-05-01", kind: "non_working", note: "Spring and Labour Day (Labour Code art. 112)" },
    { date: "2020-05-04", kind: "non_working", note: "day off moved from Sat Jan 4 (decree No 1375)" },
    { date: "2020-05-05", kind: "non_working", note: "day off moved from Sun Jan 5 (decree No 1375)" },
    { date: "2020-05-08", kind: "shortened", note: "pre-holiday day before May 9 (Labour Code art. 95)" },
    {
      date: "2020-05-11",
      kind: "non_working",
      note: "day off for Sat May 9 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2020-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    { date: "2020-06-12", kind: "non_working", note: "Russia Day (Labour Code art. 112)" },
    { date: "2020-11-03", kind: "shortened", note: "pre-holiday day before Nov 4 (Labour Code art. 95)" },
    { date: "2020-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    { date: "2020-12-31", kind: "shortened", note: "pre-holiday day before Jan 1 (Labour Code art. 95)" },
  ],
  presidential: [
    ...["2020-03-30", "2020-03-31", "2020-04-01", "2020-04-02", "2020-04-03"].map((date) => ({
      date,
      kind: "non_working" as const,
      note: "non-working day with pay, Presidential decree No 206 of 25.03.2020 (COVID-19)",
    })),
    ...[
      "06",
      "07",
      "08",
      "09",
      "10",
      "13",
      "14",
      "15",
      "16",
      "17",
      "20",
      "21",
      "22",
      "23",
      "24",
      "27",
      "28",
      "29",
      "30",
    ].map((d) => ({
      date: `2020-04-${d}`,
      kind: "non_working" as const,
      note: "non-working day with pay, Presidential decree No 239 of 02.04.2020 (COVID-19)",
    })),
    ...["2020-05-06", "2020-05-07", "2020-05-08"].map((date) => ({
      date,
      kind: "non_working" as const,
      note: "non-working day with pay, Presidential decree No 294 of 28.04.2020 (COVID-19)",
    })),
    {
      date: "2020-06-24",
      kind: "non_working",
      note: "Victory parade day, Presidential decree No 345 of 29.05.2020",
    },
    {
      date: "2020-07-01",
      kind: "non_working",
      note: "constitutional amendments vote, Presidential decree No 354 of 01.06.2020",
    },
  ],
} satisfies DecreeYear;
