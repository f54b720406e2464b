// The monthly report as served (activities/reports/monthly.ts `MonthlyReport`, plus when it was generated).
import { z } from "zod";
import { MONTH } from "../../activities/reports/monthly";

const count = z.number().int();
const share = z.object({
  counted: count,
  onTime: count,
  share: z.number().nullable().describe("onTime / counted, 4 decimals; null when nothing was counted"),
});
const group = z.object({
  key: z.string().nullable().describe("null: cases without a topic / department / executor"),
  label: z.string().nullable(),
  cases: count,
  answer: share,
  reworkRounds: count,
  breaches: count,
});
const groupChange = z.object({
  key: z.string().nullable(),
  label: z.string().nullable(),
  cases: count,
  previous: count,
  delta: count,
});
const byDimension = <T extends z.ZodType>(item: T) =>
  z.object({
    status: z.array(item),
    topic: z.array(item),
    network: z.array(item),
    department: z.array(item),
    executor: z.array(item),
  });

const quality = z.object({
  key: z
    .string()
    .nullable()
    .describe("staff or department id; null: the org, or an author without a department"),
  label: z.string().nullable(),
  drafts: count,
  checked: count.describe("drafts the draft checks ran on"),
  withFindings: count,
  share: z.number().nullable().describe("withFindings / checked, 4 decimals"),
  byCode: z.record(z.string(), count).describe("drafts with at least one finding of the code"),
  reworkReasons: z.record(z.string(), count).describe("rework verdicts on these drafts giving the reason"),
});

const figures = z
  .object({
    cases: count,
    answered: count,
    merged: count,
    returns: z.object({ total: count, cases: count }),
    rework: z.object({
      rounds: count,
      cases: count,
      distribution: z.array(z.object({ rounds: count, cases: count })),
    }),
    answerMinutes: z.object({
      count,
      median: count.nullable(),
      p90: count.nullable().describe("percentile_disc: a value some case actually took"),
    }),
    onTime: z.object({
      overall: share.describe("the answer step"),
      steps: z.array(
        share.extend({ step: z.string(), late: count, breached: count, open: count, cancelled: count }),
      ),
    }),
    breaches: z.object({
      total: count,
      cases: count,
      byStep: z.array(z.object({ step: z.string(), count })),
    }),
    by: byDimension(group),
    quality: z
      .object({
        total: quality,
        by: z.object({ department: z.array(quality), executor: z.array(quality) }),
      })
      .optional()
      .describe("the draft checks' findings beside the rework reasons (absent in reports made before them)"),
  })
  .meta({ id: "MonthlyFigures" });

export const monthlyReportSchema = z
  .object({
    generatedAt: z.string().describe("when this report was (re)generated; not part of the report's data"),
    org: z.string(),
    orgName: z.string(),
    regulation: z.string(),
    zone: z.string(),
    month: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    previousMonth: z.string(),
    dueBy: z.string().nullable(),
    official: z.string().nullable(),
    source: z.string().nullable(),
    figures,
    previous: figures,
    change: z.object({
      cases: count,
      answered: count,
      merged: count,
      returns: count,
      reworkRounds: count,
      breaches: count,
      onTimeShare: z.number().nullable(),
      answerMedian: z.number().nullable(),
      answerP90: z.number().nullable(),
      steps: z.array(z.object({ step: z.string(), onTimeShare: z.number().nullable(), breached: count })),
      by: byDimension(groupChange),
    }),
  })
  .meta({ id: "MonthlyReport" });

const month = z.string().regex(MONTH, "a month like 2026-03, from 1970-01 to 2999-12");
export const reportQuery = z.object({
  org: z.string().min(1).optional().describe("your org by default"),
  month,
});
export const reportRequest = z.object({ org: z.string().min(1).optional(), month });
