// Plastunovskaya's two tiers (docs/regulations.md "two tiers"; 003_7882df1e4c209347.txt §12, §14, §15):
// the municipal curator forwards the executor's draft to the regional curator with no budget of his own
// (the answer clock governs); the regional curator approves or sends back within 30 m / 15 m (14); rework
// goes regional → municipal → executor and back under one clock of 1 h / 30 m from the send-back until the
// reworked draft reaches the regional curator again (15). E-mail by tier: the draft to the municipal
// curator, the forward to the regional one, a regional send-back to the municipal curator, who passes it on.
// Cases started before the patch (PATCHES.twoTierClocks) keep machine.ts's review of both tiers.
import type { Payload } from "./actions";
import type { CaseMachine } from "./machine";
import * as notices from "./notices";

/** The case runs the two tiers as the Decision reads them. */
export const tierClocks = (m: CaseMachine): boolean => m.rules.twoTier && !!m.rules.tierClocks;

/** The regional curator sent the last draft back and the municipal curator has not passed it on yet. */
export function sentBack(m: CaseMachine): boolean {
  const last = m.view.drafts.at(-1)?.reviews.at(-1);
  return m.view.reviewTier === "municipal" && last?.tier === "regional" && last.verdict === "rework";
}

export function approveTier(m: CaseMachine, by: string, p: Payload<"approve">, now: string): void {
  const d = m.view.drafts.at(-1)!;
  const tier = m.view.reviewTier!;
  d.reviews.push({ tier, by, at: now, verdict: "approved", comment: p.comment });
  if (tier === "municipal") {
    // 12: forwarded; a rework round ends when the reworked draft reaches the regional curator (15).
    m.met(now, "rework");
    m.view.reviewTier = "regional";
    m.opened("draft_submitted", now, ["review"]);
    m.io.notify(notices.forwarded(m.view, m.rules, d, by));
    return;
  }
  m.met(now, "review");
  m.view.reviewTier = undefined;
  m.setStatus("publishing");
  m.opened("approved", now);
}

export function reworkTier(m: CaseMachine, by: string, p: Payload<"rework">, now: string): void {
  const d = m.view.drafts.at(-1)!;
  const tier = m.view.reviewTier!;
  const passOn = sentBack(m);
  // Passing the regional send-back on is not a verdict of the municipal tier on the draft (the timeline has it).
  if (!passOn)
    d.reviews.push({ tier, by, at: now, verdict: "rework", reasons: p.reasons, comment: p.comment });
  const r = m.clocks.steps.rework;
  const running = !!r && !r.metAt && !r.cancelled;
  if (tier === "regional") {
    m.met(now, "review");
    m.view.reworkRounds += 1;
    // 15: one clock from the send-back; the draft goes to the municipal curator, who passes it on.
    m.opened("rework_requested", now);
    m.view.reviewTier = "municipal";
    const to = { roles: ["curator" as const], curatorTier: "municipal" as const };
    m.io.notify(notices.rework(m.view, m.rules, d, "regional", to, p.reasons, p.comment));
    return;
  }
  // The municipal curator passes the regional send-back on, or sends a draft back himself: the clock of
  // the round runs on if it runs, otherwise it starts now.
  if (!passOn) m.view.reworkRounds += 1;
  if (!running) m.opened("rework_requested", now);
  m.view.reviewTier = undefined;
  m.setStatus("rework");
  const to = { staffIds: [m.drafter()!.staffId] };
  m.io.notify(notices.rework(m.view, m.rules, d, "municipal", to, p.reasons, p.comment));
}
