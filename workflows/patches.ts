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
  /** Drafts and contributions keep the draft checks' findings the API ran (checks/); the review notice lists them. */
  draftChecks: "draft-checks",
} as const;
