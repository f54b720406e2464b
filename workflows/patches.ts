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
  /** A calendar change reloads every layer of the org's calendar (imported decrees, national, the org's). */
  calendarLayers: "calendar-layers",
} as const;
