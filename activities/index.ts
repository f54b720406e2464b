// The activities of docs/contracts.md "activities/": side effects of a case, each idempotent so that
// Temporal's retries (with backoff, set where the workflow proxies them) never duplicate a row, an e-mail,
// a webhook call or a reply. `createActivities(deps)` is what the worker registers.
import type { Db } from "../db/client";
import { type FormalAppealInput, handOffFormalAppeal } from "./appeal";
import { loadCalendarOverrides } from "./calendar";
import type { Mailer } from "./mail";
import { type NotifyInput, notify } from "./notify";
import { type RecordEventsInput, recordEvents } from "./projection";
import { defaultPublishers, type PublisherRegistry, type PublishRequest, publisherFor } from "./publishers";
import { type GenerateReportInput, generateMonthlyReport, mailMonthlyReport } from "./reports";

export type { FormalAppealInput } from "./appeal";
export type { CalendarOverride } from "./calendar";
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
}

export function createActivities(deps: ActivityDeps) {
  return {
    recordEvents: (input: RecordEventsInput) => recordEvents(deps.db, input),
    notify: (input: NotifyInput) => notify(deps, input),
    handOffFormalAppeal: (input: FormalAppealInput) => handOffFormalAppeal(deps, input),
    loadCalendarOverrides: (calendarId: string) => loadCalendarOverrides(deps.db, calendarId),
    publish: (input: PublishRequest) =>
      publisherFor(deps.publishers ?? defaultPublishers, input.network).publish(input),
    generateMonthlyReport: (input: GenerateReportInput) => generateMonthlyReport(deps.db, input),
    mailMonthlyReport: (input: { org: string; month: string }) => mailMonthlyReport(deps, input),
  };
}
