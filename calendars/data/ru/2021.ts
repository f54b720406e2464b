import type { DecreeYear } from "./types";

// 40-hour week under the Government decree alone: 247 working days, 1972 hours (4 shortened days).
// The presidential non-working days (7 weekdays, Nov 3 among them shortened) take that to 240 days, 1917 hours.
// Feb 20 (a working Saturday before the moved day off Feb 22 and the Feb 23 holiday) is shortened in the
// published calendar; the 1972-hour total needs exactly four shortened days, which it makes.
export default {
  year: 2021,
  source:
    "Government decree No 1648 of 10.10.2020 «О переносе выходных дней в 2021 году»; Presidential decrees No 242 of 23.04.2021, No 595 of 20.10.2021; Labour Code art. 95, 112",
  days: [
    { date: "2021-01-01", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2021-01-04", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2021-01-05", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2021-01-06", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    { date: "2021-01-07", kind: "non_working", note: "Christmas (Labour Code art. 112)" },
    { date: "2021-01-08", kind: "non_working", note: "New Year holidays (Labour Code art. 112)" },
    {
      date: "2021-02-20",
      kind: "shortened",
      note: "working Saturday moved to Mon Feb 22, pre-holiday shortened (decree No 1648; Labour Code art. 95)",
    },
    { date: "2021-02-22", kind: "non_working", note: "day off moved from Sat Feb 20 (decree No 1648)" },
    {
      date: "2021-02-23",
      kind: "non_working",
      note: "Defender of the Fatherland Day (Labour Code art. 112)",
    },
    { date: "2021-03-08", kind: "non_working", note: "International Women's Day (Labour Code art. 112)" },
    { date: "2021-04-30", kind: "shortened", note: "pre-holiday day before May 1 (Labour Code art. 95)" },
    {
      date: "2021-05-03",
      kind: "non_working",
      note: "day off for Sat May 1 moved to the next working day (Labour Code art. 112 part 2)",
    },
    {
      date: "2021-05-10",
      kind: "non_working",
      note: "day off for Sun May 9 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2021-06-11", kind: "shortened", note: "pre-holiday day before Jun 12 (Labour Code art. 95)" },
    {
      date: "2021-06-14",
      kind: "non_working",
      note: "day off for Sat Jun 12 moved to the next working day (Labour Code art. 112 part 2)",
    },
    { date: "2021-11-03", kind: "shortened", note: "pre-holiday day before Nov 4 (Labour Code art. 95)" },
    { date: "2021-11-04", kind: "non_working", note: "National Unity Day (Labour Code art. 112)" },
    { date: "2021-11-05", kind: "non_working", note: "day off moved from Sat Jan 2 (decree No 1648)" },
    { date: "2021-12-31", kind: "non_working", note: "day off moved from Sun Jan 3 (decree No 1648)" },
  ],
  presidential: [
    ...["2021-05-04", "2021-05-05", "2021-05-06", "2021-05-07"].map((date) => ({
      date,
      kind: "non_working" as const,
      note: "non-working day with pay, Presidential decree No 242 of 23.04.2021",
    })),
    ...["2021-11-01", "2021-11-02", "2021-11-03"].map((date) => ({
      date,
      kind: "non_working" as const,
      note: "non-working day with pay (Oct 30 – Nov 7), Presidential decree No 595 of 20.10.2021 (COVID-19)",
    })),
  ],
} satisfies DecreeYear;
