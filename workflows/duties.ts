// Yuzhno-Sakhalinsk's duties beside the answer (docs/regulations.md): the hand-over to the regional department
// (3.2 ¶3, 3.3), answers of general interest (3.5), and what a merge that mixes a direct message with public
// posts says (1.4, 3.4). Transitions of the machine, pure like it; the effects leave through `Io`.
import type { Payload } from "./actions";
import type { CaseMachine } from "./machine";
import type { CaseView, Draft } from "./view";

/** What goes to the regional department: a published answer and its URL, or one handed over instead. */
export interface HandOver {
  mode: "published" | "handed_over";
  draftVersion: number;
  text: string;
  url?: string;
  note?: string;
}

/** 3.2 ¶3: «направляет ответ в департамент информационной политики» (a clarification question is no answer). */
export function sendOnAfterPublishing(m: CaseMachine, d: Draft, url: string): void {
  if (m.rules.handOver && d.kind !== "clarification")
    m.io.handOver?.({ mode: "published", draftVersion: d.version, text: d.text, url });
}

/** 3.3 «или передача ответа в департамент»: closes the case, meeting the answer step as a publication would. */
export function handOverCase(m: CaseMachine, by: string, p: Payload<"hand-over">, now: string): void {
  const d = m.view.drafts.at(-1)!;
  m.view.handedOver = { to: p.to, note: p.note, by, at: now, draftVersion: d.version };
  m.met(now, "publish", "answer");
  if (d.kind === "explanation") m.met(now, "explanation");
  m.io.handOver?.({ mode: "handed_over", draftVersion: d.version, text: d.text, note: p.note });
  m.finish("closed", now);
}

/** 3.5: the approved answer also goes to the site section (workflows/general-interest.ts posts it). */
export function markGeneralInterest(m: CaseMachine, d: Draft): void {
  if (!m.rules.generalInterest) return;
  m.view.generalInterest = {
    section: m.rules.generalInterest.section,
    draftVersion: d.version,
    state: "pending",
  };
}

/**
 * A merge that mixes a direct message with public posts says so: a private answer is never copied to a
 * public post, and a public answer reaches a direct message's author privately.
 */
export function mixedMerge(
  own: CaseView["message"]["channel"],
  target: CaseView["message"]["channel"] | undefined,
): string | undefined {
  if (!target || (own === "direct") === (target === "direct")) return undefined;
  return own === "direct"
    ? "A direct message merged into a public post's case: its author gets that public answer as a private reply."
    : "A public post merged into a direct message's case: the private answer is not copied here; the publisher is asked to give this post its own public reply.";
}

export function noteMixedMerge(m: CaseMachine, into: string, target?: CaseView["message"]["channel"]): void {
  const note = mixedMerge(m.view.message.channel, target);
  if (!note) return;
  m.view.mergeNote = note;
  m.io.event("merge_mixes_channels", undefined, { into, note });
}
