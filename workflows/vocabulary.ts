// The words of the case view that are values, not only types: statuses, review tiers, answer and clock kinds,
// importance (docs/process.md). Plain lists, no zod: the workflow, the API schemas (view.ts) and the drizzle
// columns (db/schema.ts) read them from here.
export const statuses = [
  "triage",
  "routing",
  "assigned",
  "contributing",
  "drafting",
  "review",
  "rework",
  "publishing",
  "follow_up",
  "closed",
  "rejected",
  "handed_off",
  "merged",
] as const;
export type Status = (typeof statuses)[number];
export const closedStatuses: readonly Status[] = ["closed", "rejected", "handed_off", "merged"];

export const reviewTiers = ["single", "municipal", "regional"] as const;
export type ReviewTier = (typeof reviewTiers)[number];
/** What a draft or a publication is; `link` is a reply that points at an earlier answer. */
export const answerKinds = ["final", "interim", "clarification", "explanation", "link"] as const;
export const clockKinds = ["working", "workdays", "wall"] as const;
export const importances = ["normal", "high"] as const;
