// The staff actions of docs/process.md: payload schemas (validated at the API edge and again in the update
// validators), the actor every action carries, and the Update/Signal/Query definitions clients send through.
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";
import { z } from "zod";
import {
  draftCheckCodes,
  draftKinds,
  explainReasons,
  rejectGrounds,
  reviewReasons,
} from "../regulations/schema";
import { findingSchema } from "./finding";
import { httpUrl } from "./http-url";
import type { Message } from "./message";
import type { CaseView, TimelineEntry } from "./view";

/** A draft check's finding, as the API passes it with `draft` and `contribute` (defined with the view). */
export { findingSchema };

export const roles = ["integrator", "curator", "executor", "supervisor", "admin", "platform-admin"] as const;
export type Role = (typeof roles)[number];

/** Who acts: authenticated by the API, checked by the workflow against the case's org, state and assignees. */
export const actorSchema = z.object({
  staffId: z.string().min(1),
  org: z.string().min(1),
  roles: z.array(z.enum(roles)).min(1),
  department: z.string().optional(),
  /** Two-tier orgs (Plastunovskaya): which curator tier this person is. */
  curatorTier: z.enum(["regional", "municipal"]).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const staffIds = z.array(z.string().min(1)).min(1).max(10);
const budget = z.string().regex(/^\d+(m|h)$/, "a budget like 90m or 3h");
export const coExecutionModes = ["sequential", "responsible", "parallel"] as const;
// The regulations' vocabularies (one source: regulations/schema.ts); each profile allows a subset.
export { draftKinds, explainReasons, rejectGrounds, reviewReasons };

const assignment = {
  executors: staffIds,
  mode: z.enum(coExecutionModes).optional(),
  composer: z.string().optional(),
};

export const payloads = {
  triage: z.object({
    topic: z.string().min(1).max(200),
    location: z.string().max(300).optional(),
    importance: z.enum(["normal", "high"]),
    /** Two-tier orgs forward to the municipal curator instead of naming executors. */
    executors: staffIds.optional(),
    mode: assignment.mode,
    composer: assignment.composer,
    /** A shorter answer budget where the regulation lets the curator set one (Zarechny 8, Omsk 4.3, Nenets 14). */
    answerBudget: budget.optional(),
    significant: z.boolean().optional(),
    emergency: z.boolean().optional(),
    /**
     * A repeat message: the earlier case of the org, closed ones included (Zarechny 17, Omsk 13–14, Nenets 23;
     * docs/regulations.md "repeat messages"). The assignment says the answer must state the measures taken.
     */
    repeatOf: z.string().min(1).max(400).optional(),
  }),
  route: z.object(assignment),
  reject: z.object({ ground: z.enum(rejectGrounds), comment: z.string().max(2000).optional() }),
  explain: z.object({ reason: z.enum(explainReasons), executors: staffIds }),
  link: z.object({ url: httpUrl() }),
  "formal-appeal": z.object({
    consent: z.literal(true, { error: "the author's consent is required (Yuzhno-Sakhalinsk 3.8)" }),
    fullName: z.string().min(1).max(300),
    address: z.string().min(1).max(500),
    phone: z.string().max(50).optional(),
  }),
  merge: z.object({ into: z.string().min(1) }),
  accept: z.object({}),
  return: z.object({ reason: z.string().min(1).max(2000) }),
  contribute: z.object({
    text: z.string().min(1).max(20_000),
    attachments: z.array(httpUrl()).max(20).optional(),
  }),
  draft: z.object({
    kind: z.enum(draftKinds),
    text: z.string().min(1).max(20_000),
    attachments: z.array(httpUrl()).max(20).optional(),
  }),
  approve: z.object({
    comment: z.string().max(2000).optional(),
    /** Yuzhno-Sakhalinsk 3.5: the answer is of general interest: also posted to the site section. */
    generalInterest: z.boolean().optional(),
  }),
  rework: z.object({ reasons: z.array(z.enum(reviewReasons)).min(1), comment: z.string().min(1).max(2000) }),
  publish: z.object({ url: httpUrl() }),
  /** Yuzhno-Sakhalinsk 3.3: the answer is handed over to the regional department instead of published. */
  "hand-over": z.object({ to: z.literal("regional-department"), note: z.string().max(2000).optional() }),
  /** After an interim answer, the curator the profile names sets the follow-up budget (Omsk 11, Plastunovskaya 18). */
  "set-budgets": z.object({
    finalAfterInterim: z.string().regex(/^[1-9]\d{0,3}(wd|h)$/, 'a budget like "3wd" or "16h"'),
  }),
  /**
   * A substitute for an absent executor (Zarechny 7, Nenets 13, Plastunovskaya 7.2; docs/regulations.md
   * "substitutes"): the case goes to other executors, the answer clock keeps running.
   */
  reassign: z.object({ ...assignment, reason: z.string().min(1).max(2000) }),
  /** Significance seen later (Zarechny 23, Omsk 19, Nenets 29): the immediate report goes out once. */
  flag: z.object({
    significant: z.literal(true, { error: "flag marks a case significant: significant must be true" }),
    note: z.string().max(2000).optional(),
  }),
} as const;

export type ActionName = keyof typeof payloads;
export const actionNames = Object.keys(payloads) as ActionName[];
export type Payload<A extends ActionName> = z.infer<(typeof payloads)[A]>;

export const findingsSchema = z.array(findingSchema).max(500);
export const blockingSchema = z.array(z.enum(draftCheckCodes)).max(draftCheckCodes.length);

/** What every update carries: the authenticated actor and the action's payload. */
export interface ActionRequest<A extends ActionName = ActionName> {
  actor: Actor;
  payload: Payload<A>;
  /** Resolved by the API from the staff table (never taken from the client): the named executors' departments. */
  departments?: Record<string, string>;
  /**
   * Run by the API before `draft` and `contribute` (checks/: the dictionary does not load in the workflow
   * sandbox), never taken from the client: the findings the workflow stores with the text.
   */
  checks?: z.infer<typeof findingsSchema>;
  /** `merge`: the target case's channel, resolved by the API (the workflow cannot see another case). */
  mergeTarget?: { channel: Message["channel"] };
  /** The codes of those findings the org blocks on: the validator refuses a `draft` with them (checks_failed). */
  blocking?: Array<(typeof draftCheckCodes)[number]>;
}

/** The reply to an accepted action: the case as it is right after it. */
export type ActionResult = CaseView;

/**
 * A refused action is an ApplicationFailure of one of these types, thrown by the update validator, so it
 * never enters history; the API maps forbidden -> 403, wrong_state -> 409, invalid -> 422, not_found -> 404,
 * checks_failed (a draft with findings of a check the org blocks on, after every other rule) -> 422.
 */
export const refusalCodes = ["forbidden", "wrong_state", "invalid", "not_found", "checks_failed"] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export const actionUpdates = Object.fromEntries(
  actionNames.map((name) => [name, defineUpdate<ActionResult, [ActionRequest]>(name)]),
) as { [A in ActionName]: ReturnType<typeof defineUpdate<ActionResult, [ActionRequest<A>]>> };

export const calendarChanged = defineSignal<[{ calendarId: string; version: number }]>("calendarChanged");
export const authorReplied = defineSignal<[{ text: string; at: string }]>("authorReplied");
/** Sent by a case merged into this one (`merge`): its post gets this case's answers too. */
export const postMerged = defineSignal<[MergedPostIn]>("postMerged");
export interface MergedPostIn {
  caseId: string;
  network: Message["network"];
  channel: Message["channel"];
  url: string;
  /** The author's id on the network, for a private reply. */
  recipient?: string;
  at: string;
}
export const getCase = defineQuery<CaseView>("getCase");
export const getTimeline = defineQuery<TimelineEntry[]>("getTimeline");
