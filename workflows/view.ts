// The case as read (docs/process.md "The case as read"): the getCase query, GET /v1/cases/:caseId, the read
// model.
import type { Finding } from "../checks/types";
import type { reviewReasons } from "../regulations/schema";
import type { Message } from "./message";

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

export type ReviewTier = "single" | "municipal" | "regional";

export interface Assignee {
  staffId: string;
  role: "executor" | "co-executor" | "composer";
  order?: number;
  department?: string;
  /** When this assignee accepted his own part (co-executors act for themselves, docs/regulations.md). */
  acceptedAt?: string;
}

export interface Review {
  tier: ReviewTier;
  by: string;
  at: string;
  verdict: "approved" | "rework";
  reasons?: string[];
  comment?: string;
}

export interface Draft {
  version: number;
  kind: "final" | "interim" | "clarification" | "explanation" | "link";
  text: string;
  attachments?: string[];
  by: string;
  at: string;
  reviews: Review[];
  /** The draft checks' findings (checks/), stored since patch `draft-checks`; [] = none found. */
  checks?: Finding[];
  /** The rework reasons the findings suggest, to pre-fill the curator's form. */
  suggestedReasons?: Array<(typeof reviewReasons)[number]>;
}

export interface Publication {
  kind: Draft["kind"];
  url: string;
  at: string;
  by: string;
  draftVersion: number;
}

export interface Contribution {
  staffId: string;
  text: string;
  attachments?: string[];
  at: string;
  /** The draft checks' findings on the part (since patch `draft-checks`). */
  checks?: Finding[];
}

export interface StepView {
  /** The event that started this round of the clock. */
  from?: string;
  budget: string;
  clock: "working" | "workdays" | "wall";
  startedAt?: string;
  dueAt?: string;
  warnAt?: string;
  metAt?: string;
  breachedAt?: string;
  /** The step stopped applying before it was met (merged, handed off, re-routed). */
  cancelled?: boolean;
  /** An option window (the profile's `whenNeeded`): it never warns or breaches; a late use shows as metAt > dueAt. */
  whenNeeded?: boolean;
  /**
   * A window that limits a right and obliges nothing (the return window: «в течение 30 минут … возвращает»,
   * docs/regulations.md): it never warns or breaches; a use after it shows as metAt > dueAt, late.
   */
  limit?: boolean;
  /** Which round of a repeating step (re-route, rework, each co-executor) this is. */
  round: number;
  source: string;
  /**
   * A cap on time spent over several stretches (`executorTotal`, Yuzhno-Sakhalinsk 3.2 ¶5): the minutes of
   * its clock used in stretches that ended, the start of the running one, and since when it is stopped (the
   * draft is with the operator). While stopped, `dueAt` is where the cap would have run out.
   */
  spentMinutes?: number;
  runningSince?: string;
  pausedAt?: string;
}

export interface CaseView {
  caseId: string;
  workflowId: string;
  org: string;
  regulation: string;
  status: Status;
  reviewTier?: ReviewTier;
  importance: "normal" | "high";
  topic?: string;
  location?: string;
  significant: boolean;
  emergency: boolean;
  overdue: boolean;
  message: Omit<Message, "author" | "org" | "hints" | "repeatOf" | "attachments"> & {
    attachments: string[];
    author?: Message["author"];
  };
  assignees: Assignee[];
  contributions: Contribution[];
  drafts: Draft[];
  publications: Publication[];
  steps: Record<string, StepView>;
  answerDueAt?: string;
  linkedTo?: string;
  mergedInto?: string;
  /** Yuzhno-Sakhalinsk 3.5: the approved answer also posted to the site section (workflows/general-interest.ts). */
  generalInterest?: {
    section: string;
    draftVersion: number;
    state: "pending" | "posting" | "published" | "manual";
    url?: string;
    reason?: string;
  };
  /** The answer handed over to the regional department instead of published (Yuzhno-Sakhalinsk 3.3). */
  handedOver?: { to: "regional-department"; note?: string; by: string; at: string; draftVersion: number };
  /** A merge that mixed a direct message with public posts says so (duties.ts mixedMerge). */
  mergeNote?: string;
  rejection?: { ground: string; comment?: string };
  explanationReason?: string;
  returns: number;
  reworkRounds: number;
  /** Working minutes from the answer clock's start to the first published answer (monthly report). */
  answerWorkingMinutes?: number;
  /** Cases merged into this one: each gets the published answer too (incident grouping). */
  merged?: MergedPost[];
  /** Posting the approved draft through the network's API (activities/publishers), when it applies. */
  delivery?: Delivery;
  /** Sequence number of the last event: the read model is current when its last_seq equals this. */
  seq: number;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  type: string;
  actor?: string;
  data: Record<string, unknown>;
}

/** A post folded into this case by `merge`: where its copy of each answer goes. */
export interface MergedPost {
  caseId: string;
  network: Message["network"];
  channel: Message["channel"];
  url: string;
  at: string;
  /** Index in `publications` of the first answer this post gets (the latest one already out, if any). */
  fromPublication: number;
  /** Copies of this case's publications posted to the merged post (fan-out). */
  replies: Array<{
    draftVersion: number;
    url?: string;
    /** `withheld`: not copied, the answer was written for a direct message (a person writes this post's own). */
    state: "published" | "manual" | "failed" | "withheld";
    reason?: string;
    at: string;
  }>;
}

/**
 * `posting`: the network API call is under way (a manual `publish` is refused meanwhile, so the reply is
 * never posted twice); `manual`: no account for the network, or the API refused for good (`reason`) — the
 * publisher role posts by hand; `published`: posted by the API, recorded as a publication by `system:<net>`.
 */
export interface Delivery {
  draftVersion: number;
  network: Message["network"];
  state: "posting" | "manual" | "published";
  reason?: string;
}
