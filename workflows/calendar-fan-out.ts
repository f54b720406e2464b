// A calendar change reaching the running cases in bounded pages (issue 11: "a change reaches 30,000 open
// cases without starving the rest"): one activity per page lists the affected cases and signals them with a
// concurrency cap; pages run one after another, and the run continues as new every PAGES_PER_RUN pages so
// its history stays small. Started by the API (national change, import, an org's own days) and by
// `calendar import`; id `calendar-fan-out-<calendarId>-<version>` (an org's: `…-<orgId>-<at>`).
import { continueAsNew, proxyActivities } from "@temporalio/workflow";
import type { createActivities } from "../activities";

type Activities = ReturnType<typeof createActivities>;
const { signalCasePage } = proxyActivities<Activities>({
  startToCloseTimeout: "2 minutes",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

export const PAGES_PER_RUN = 100;

export interface CalendarFanOutInput {
  calendarId: string;
  version: number;
  orgs: string[];
  /** The earliest changed day, YYYY-MM-DD. */
  from: string;
  pageSize?: number;
  concurrency?: number;
  /** Pages per run before it continues as new (PAGES_PER_RUN). */
  pagesPerRun?: number;
  /** Carried over a continue-as-new. */
  pageToken?: string;
  listed?: number;
  signalled?: number;
  pages?: number;
}

export async function calendarFanOut(
  input: CalendarFanOutInput,
): Promise<{ listed: number; signalled: number; pages: number }> {
  const page = {
    calendarId: input.calendarId,
    version: input.version,
    orgs: input.orgs,
    from: input.from,
    pageSize: input.pageSize ?? 500,
    concurrency: input.concurrency ?? 20,
  };
  let { pageToken, listed = 0, signalled = 0, pages = 0 } = input;
  for (let run = 0; ; run++) {
    if (run === (input.pagesPerRun ?? PAGES_PER_RUN))
      await continueAsNew<typeof calendarFanOut>({ ...input, pageToken, listed, signalled, pages });
    const r = await signalCasePage({ ...page, pageToken });
    listed += r.listed;
    signalled += r.signalled;
    pages++;
    pageToken = r.pageToken;
    if (!pageToken) return { listed, signalled, pages };
  }
}
