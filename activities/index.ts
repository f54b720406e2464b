// The activities of docs/contracts.md "activities/": side effects of a case, each idempotent so that
// Temporal's retries (with backoff, set where the workflow proxies them) never duplicate a row, an e-mail,
// a webhook call or a reply. `createActivities(deps)` is what the worker registers.
import type { Client } from "@temporalio/client";
import type { Db } from "../db/client";
import { type FormalAppealInput, handOffFormalAppeal } from "./appeal";
import { loadCalendarLayers, loadCalendarOverrides } from "./calendar";
import { type FanOutPage, signalCasePage } from "./calendar-fan-out";
import { noticeProvisionalYear, type ProvisionalCheck } from "./calendar-notice";
import { pollFeedPage, type StartCase } from "./feeds";
import { type HandOverInput, handOverAnswer } from "./hand-over";
import type { Mailer } from "./mail";
import { type NotifyInput, notify } from "./notify";
import { type RecordEventsInput, recordEvents } from "./projection";
import { defaultPublishers, type PublisherRegistry, type PublishRequest, publisherFor } from "./publishers";
import { hasAccount } from "./publishers/accounts";
import { type GenerateReportInput, generateMonthlyReport, mailMonthlyReport } from "./reports";

export type { FormalAppealInput } from "./appeal";
export type { CalendarLayers, CalendarOverride } from "./calendar";
export { createSmtpMailer, type Mailer, type MailMessage, messageIdOf } from "./mail";
export type { NotificationKind, NotifyInput } from "./notify";
export type { CaseEvent, RecordEventsInput } from "./projection";
export {
  defaultPublishers,
  manualPublisher,
  type Publisher,
  type PublisherRegistry,
  type PublishRequest,
  type PublishResult,
} from "./publishers";
export { createPublishers } from "./publishers/registry";

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** For the outbound webhook; the global fetch by default. */
  fetch?: typeof fetch;
  /** Publishers by network; a network without one is published by hand (`manual`). */
  publishers?: PublisherRegistry;
  /** Signals running cases (the calendar fan-out's pages); the worker wires in its client. */
  temporal?: Client;
  /** Starts (or finds) a message's case: the feed poller's page activity (the worker wires in ingestion). */
  startCase?: StartCase;
}

export function createActivities(deps: ActivityDeps) {
  return {
    recordEvents: (input: RecordEventsInput) => recordEvents(deps.db, input),
    notify: (input: NotifyInput) => notify(deps, input),
    handOffFormalAppeal: (input: FormalAppealInput) => handOffFormalAppeal(deps, input),
    handOverAnswer: (input: HandOverInput) => handOverAnswer(deps, input),
    loadCalendarOverrides: (calendarId: string) => loadCalendarOverrides(deps.db, calendarId),
    loadCalendarLayers: (input: { calendarId: string; orgId: string }) => loadCalendarLayers(deps.db, input),
    noticeProvisionalYear: (input: ProvisionalCheck) => noticeProvisionalYear(deps, input),
    signalCasePage: (input: FanOutPage) => {
      if (!deps.temporal) throw new Error("this worker was created without a Temporal client: no fan-out");
      return signalCasePage(deps.temporal, input);
    },
    publish: (input: PublishRequest) =>
      publisherFor(deps.publishers ?? defaultPublishers, input.network).publish(input),
    postsThroughApi: (input: { org: string; network: string }) => postsThroughApi(deps, input),
    pollFeedPage: (input: { feedId: string }) =>
      pollFeedPage({ ...deps, startCase: startCaseOf(deps) }, input),
    generateMonthlyReport: (input: GenerateReportInput) => generateMonthlyReport(deps.db, input),
    mailMonthlyReport: (input: { org: string; month: string }) => mailMonthlyReport(deps, input),
  };
}

function startCaseOf(deps: ActivityDeps): StartCase {
  if (!deps.startCase) throw new Error("this worker was created without startCase: it cannot poll feeds");
  return deps.startCase;
}

/**
 * Whether a reply on `network` goes out through its API now: this worker has a publisher for the network and
 * the org a usable account there (the rule of loadAccount), read when the answer is due to go out.
 */
async function postsThroughApi(
  deps: ActivityDeps,
  input: { org: string; network: string },
): Promise<boolean> {
  if (!(deps.publishers ?? defaultPublishers)[input.network as keyof PublisherRegistry]) return false;
  return hasAccount(deps.db, input.org, input.network);
}
