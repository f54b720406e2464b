// What Temporal UI (the admin console, README "Operating it") shows of a case: the clock loop's timer is
// named by its summary ("answer due 2026-12-01 15:00 Asia/Omsk · omsk 6"), and the case page's current
// details say the status, who acts and what is due next. Neither carries personal data — only the step,
// the instant, the zone, the regulation's paragraph, staff ids and the status — so the summary is left
// unsealed (PLAIN_METADATA_KEY, honoured by worker/codec.ts) and reads without a decoder. Pure: runs in the
// workflow sandbox.
import { defaultPayloadConverter, RawValue } from "@temporalio/common";
import { formatInstant } from "../calendars/zone";
import type { CaseRules } from "./rules";
import type { CaseView, StepView } from "./view";

/** Metadata key of a payload the workflow wrote without personal data; the codec leaves it unsealed. */
export const PLAIN_METADATA_KEY = "casework-plain";

/** "2026-12-01 15:00" in the org's zone. */
export function localMinute(iso: string, zone: string): string {
  return formatInstant(Date.parse(iso), zone).slice(0, 16).replace("T", " ");
}

/** The timer's name: step, what fires (warning or deadline), when in the org's zone, and the paragraph. */
export function timerSummary(
  next: { kind: "warn" | "breach"; step: string; at: string },
  step: StepView | undefined,
  zone: string,
  regulation: string,
): string {
  const when = `${localMinute(next.at, zone)} ${zone}`;
  const source = step?.source ? ` · ${paragraph(regulation, step.source)}` : "";
  if (next.kind === "breach") return `${next.step} due ${when}${source}`;
  const due = step?.dueAt ? ` (due ${localMinute(step.dueAt, zone)})` : "";
  return `${next.step} warning ${when}${due}${source}`;
}

/** "omsk §4.4" for the seed citation "002_….txt §4.4" (regulations/cite.ts). */
export function paragraph(regulation: string, source: string): string {
  const at = source.indexOf(" §");
  return at < 0 ? `${regulation} ${source}` : `${regulation}${source.slice(at)}`;
}

/**
 * The summary as a payload marked plain: Temporal's user metadata goes through the payload codec like any
 * payload, and this one must stay readable. Typed as the string the SDK's `summary` option takes: the
 * SDK's payload converter passes a RawValue through as its payload.
 */
export function plainSummary(text: string): string {
  const p = defaultPayloadConverter.toPayload(text);
  const marked = { ...p, metadata: { ...p.metadata, [PLAIN_METADATA_KEY]: new TextEncoder().encode("1") } };
  return RawValue.fromPayload(marked) as unknown as string;
}

/** Who acts now, by the case's status (the same split as the warnings' recipients in case.ts). */
export function whoActsNow(view: CaseView, publisher: CaseRules["publisher"]): string {
  const executors = view.assignees.map((a) => `${a.staffId} (${a.role})`).join(", ");
  switch (view.status) {
    case "triage":
    case "routing":
      return "curator";
    case "review":
      return view.reviewTier && view.reviewTier !== "single" ? `${view.reviewTier} curator` : "curator";
    case "publishing":
      return publisher === "executor" ? executors || "executor" : publisher.replace("_", " ");
    case "assigned":
    case "contributing":
    case "drafting":
    case "rework":
    case "follow_up":
      return executors || "curator";
    default:
      return "nobody: the case is finished";
  }
}

/** Temporal UI's "current details" of the case page (markdown). */
export function currentDetails(
  view: CaseView,
  publisher: CaseRules["publisher"],
  next: { kind: "warn" | "breach"; step: string; at: string } | undefined,
  zone: string,
): string {
  const lines = [
    `**Status:** ${view.status}${view.overdue ? " · overdue" : ""}`,
    `**Who acts:** ${whoActsNow(view, publisher)}`,
  ];
  if (next) lines.push(`**Next:** ${timerSummary(next, view.steps[next.step], zone, view.regulation)}`);
  if (view.answerDueAt) lines.push(`**Answer due:** ${localMinute(view.answerDueAt, zone)} ${zone}`);
  return lines.join("\n\n");
}
