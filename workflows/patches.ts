// Every patch id of the workflows, in one place. A patch marks a behaviour change: a case whose history
// carries the marker runs the new code; one started before it replays the old (docs/durability.md).
export const PATCHES = {
  /** Plastunovskaya 13: option windows (`whenNeeded`) are not armed as ordinary clocks. */
  whenNeededSteps: "when-needed-steps",
  /** Yuzhno-Sakhalinsk 3.2 ¶5: the structure's own 23 h total is a clock. */
  executorTotal: "executor-total",
  /** Answers go out through the networks' APIs, with the incident fan-out to merged posts. */
  networkDelivery: "network-delivery",
  /** Whether an answer goes out through an API is asked when it is due to go out. */
  deliveryLiveAccounts: "delivery-live-accounts",
  /** Updates run after every other job of their activation has settled (workflows/update-order.ts). */
  updatesSettleLast: "updates-settle-last",
  /** Activities give up after ten attempts; the case shows CaseAttention and retries later (attention.ts). */
  boundedRetries: "bounded-retries",
  /** A published clarification question does not meet the answer step (docs/regulations.md). */
  clarificationKeepsAnswer: "clarification-keeps-answer",
  /** The draft lead shrinks in proportion to a shortened answer budget (docs/regulations.md "draft lead"). */
  proportionalLead: "proportional-lead",
  /** A triage that changes importance or the answer budget re-plans breached steps too (docs/process.md). */
  replanBreached: "replan-breached",
  /** The return window limits returning and obliges nothing: no breach, a late return is late. */
  returnWindowLimit: "return-window-limit",
  /** The final answer after an interim is met by the final draft where the text says so (Zarechny 15, Omsk 11, Nenets 21). */
  finalAtDraft: "final-at-draft",
  /** Co-executors accept and return for themselves; sequential turns start when the part before is done. */
  perAssignee: "per-assignee",
  /** Plastunovskaya 12, 14, 15: no municipal review budget, one rework clock, e-mail by tier (workflows/tiers.ts). */
  twoTierClocks: "two-tier-clocks",
  /** Drafts and contributions keep the draft checks' findings the API ran (checks/); the review notice lists them. */
  draftChecks: "draft-checks",
  /** A calendar change reloads every layer of the org's calendar (imported decrees, national, the org's). */
  calendarLayers: "calendar-layers",
  /**
   * Two quick calendar changes apply in the order they were sent (the later one wins even when its reload
   * finishes first), and the case ends only after its handlers have finished (workflows/case.ts).
   */
  calendarInOrder: "calendar-in-order",
  /**
   * The assignment names the responsible executor and the co-executors (Omsk 12.2), a repeat's earlier case
   * (Zarechny 17, Omsk 13–14, Nenets 23), and is copied to the department heads (Plastunovskaya 10 ¶2).
   */
  assignmentCopies: "assignment-copies",
  /** Yuzhno-Sakhalinsk 1.4, 3.4: an answer written for a direct message is not copied to merged public posts. */
  directPrivacy: "direct-privacy",
  /** Yuzhno-Sakhalinsk 3.2 ¶3, 3.3: published answers go to the regional department; `hand-over` closes a case. */
  handOver: "hand-over",
  /** Yuzhno-Sakhalinsk 3.9: every step of an emergency runs on the wall clock; the on-call list is told. */
  emergencyEveryStep: "emergency-every-step",
  /** Yuzhno-Sakhalinsk 3.5: `approve {generalInterest}` posts the answer to the site section (general-interest.ts). */
  generalInterest: "general-interest",
  /**
   * Stands for every patch above. A case started since carries this one marker where it carried twenty
   * (each with core's own search-attribute upsert: 40 of a new case's first 59 events); the patches above
   * are asked only of cases that do not carry it (`has` in workflows/setup.ts). Patches added after it are
   * asked of every case, as usual.
   */
  current: "current-2026-12",
} as const;

/**
 * Patches made after `current`, asked of every case with `patched()` itself: a case started under `current`
 * runs without them.
 */
export const LATER_PATCHES = {
  /**
   * The case is open (its message received, its clocks armed) before its action handlers are registered: an
   * action in the case's first workflow task runs as its handler is registered (workflows/case.ts).
   */
  openedFirst: "opened-first",
} as const;

/** The patches that `current` stands for: a case started since it is on all of them. */
export type Patch = Exclude<(typeof PATCHES)[keyof typeof PATCHES], typeof PATCHES.current>;

/**
 * Whether a case runs a patch's code: asked once, at the start, whether it carries `current` (the answer
 * is kept, since the SDK leaves a marker missing during replay undecided, and a later live call would record
 * it); if not, the patch is asked as before, so older histories see the same commands in the same order.
 */
export function patchesOf(patched: (id: string) => boolean): (id: Patch) => boolean {
  const current = patched(PATCHES.current);
  return (id) => current || patched(id);
}
