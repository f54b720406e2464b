// Every notice a case sends to staff (docs/process.md "Notifications"): the kinds, and for each one its
// key, recipients, subject and text in one place. The key makes a notice go out once (activities/once.ts),
// so a key is part of the contract: change one and a retried case sends its notice again.
import { reviewNote } from "../checks/reasons";
import type { Role } from "./actions";
import type { Firing } from "./clocks";
import type { CaseRules } from "./rules";
import type { CaseView, Draft, MergedPost } from "./view";

/** What a notification is about; `report` is the monthly report's e-mail (activities/report). */
export const notificationKinds = [
  "assignment",
  "warning",
  "breach",
  "significant",
  "review",
  "rework",
  "formal_appeal",
  "publish_by_hand",
  "report",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Who gets a notice: roles of the case's org (a two-tier org's curators narrowed to one tier), or people. */
export interface Recipients {
  roles?: Role[];
  staffIds?: string[];
  /** Only the curators of that tier (two-tier orgs, workflows/tiers.ts). */
  curatorTier?: "regional" | "municipal";
  /** The heads of these departments (departments.head_email; Plastunovskaya 10 ¶2). */
  departmentHeads?: string[];
  /** These departments' on-call people too (an emergency assignment, Yuzhno-Sakhalinsk 3.9). */
  onCallOf?: string[];
}

/** A notice as the case's process raises it; the workflow adds the case and org ids and sends it. */
export interface Notice {
  key: string;
  kind: Exclude<NotificationKind, "report">;
  to: Recipients;
  subject: string;
  text: string;
}

type Rules = Pick<CaseRules, "subjects" | "escalateTo" | "assignmentCopies">;

/**
 * The executors are sent the case (triage, route, reassign); since patch `assignment-copies` the heads of
 * their departments are copied where the profile says so (Plastunovskaya 10 ¶2), and an emergency's goes to
 * the on-call people of their departments too (Yuzhno-Sakhalinsk 3.9, patch `emergency-every-step`).
 */
export function assignment(
  v: CaseView,
  rules: Rules,
  executors: string[],
  lead: string | undefined,
  departmentHeads: string[],
  onCallOf: string[] = [],
): Notice {
  return {
    key: `${v.caseId}:assignment:${v.returns}:${v.seq}`,
    kind: "assignment",
    to: {
      staffIds: executors,
      ...(departmentHeads.length > 0 ? { departmentHeads } : {}),
      ...(onCallOf.length > 0 ? { onCallOf } : {}),
    },
    subject: `${onCallOf.length > 0 ? "Экстренно! " : ""}${rules.subjects.assignment}: ${v.caseId}`,
    text: assignmentText(v, rules, lead),
  };
}

/**
 * The assignment e-mail: the message, who works on it (Omsk 12.2: the co-executors and the responsible one,
 * listed first), a repeat's earlier case (Zarechny 17, Omsk 13–14, Nenets 23: the answer states the measures
 * taken), and the answer's due instant.
 */
export function assignmentText(
  v: CaseView,
  rules: Pick<CaseRules, "assignmentCopies">,
  lead?: string,
): string {
  const due = v.answerDueAt ?? v.steps.explanation?.dueAt ?? "—";
  // Cases started before the patch (PATCHES.assignmentCopies) keep the message and the due instant alone.
  if (!rules.assignmentCopies) return `${v.message.url}\n\n${v.message.text}\n\nОтвет до ${due}`;
  const others = v.assignees.filter((x) => x.staffId !== lead).map((x) => x.staffId);
  const team =
    others.length > 0 && lead
      ? `\n\nОтветственный исполнитель: ${lead}\nСоисполнители: ${others.join(", ")}`
      : "";
  const repeat = v.linkedTo
    ? `\n\nПовторное сообщение (ранее: ${v.linkedTo}): в ответе укажите принятые меры.`
    : "";
  return `${v.message.url}\n\n${v.message.text}${team}${repeat}\n\nОтвет до ${due}`;
}

/** One co-executor returned his part; the others go on (docs/regulations.md, per-assignee return). */
export function partReturned(v: CaseView, staffId: string, rest: CaseView["assignees"]): Notice {
  return {
    key: `${v.caseId}:returned:${staffId}:${v.seq}`,
    kind: "assignment",
    to: { roles: ["curator"] },
    subject: `Исполнитель вернул свою часть: ${v.caseId}`,
    text: `${staffId} returned his part; ${rest.map((x) => `${x.staffId} (${x.role})`).join(", ")} go on.`,
  };
}

/** A draft waits for the curator (of the municipal tier first in two-tier orgs). */
export function review(v: CaseView, rules: Rules, d: Draft, tier?: "municipal"): Notice {
  return {
    key: `${v.caseId}:review:${d.version}`,
    kind: "review",
    to: { roles: ["curator"], ...(tier ? { curatorTier: tier } : {}) },
    subject: `${rules.subjects.draftBack}: ${v.caseId}`,
    text: `Draft v${d.version} (${d.kind}) of ${v.caseId} waits for review.\n\n${d.text}${reviewNote(d.checks, d.suggestedReasons)}`,
  };
}

/** The municipal curator forwarded the draft to the regional one (Plastunovskaya 12). */
export function forwarded(v: CaseView, rules: Rules, d: Draft, by: string): Notice {
  return {
    key: `${v.caseId}:review:${d.version}:regional`,
    kind: "review",
    to: { roles: ["curator"], curatorTier: "regional" },
    subject: `${rules.subjects.draftBack}: ${v.caseId}`,
    text: `Draft v${d.version} (${d.kind}) of ${v.caseId}, forwarded by ${by}, waits for review.\n\n${d.text}`,
  };
}

/**
 * A draft is sent back: to its drafter, or (a regional send-back in a two-tier org) to the municipal
 * curators, who pass it on. `tier` is the reviewing tier; it is part of the key.
 */
export function rework(
  v: CaseView,
  rules: Rules,
  d: Draft,
  tier: string,
  to: Recipients,
  reasons: string[],
  comment: string,
): Notice {
  return {
    key: `${v.caseId}:rework:${d.version}:${tier}`,
    kind: "rework",
    to,
    subject: `${rules.subjects.draftBack}: ${v.caseId} — на доработку`,
    text: `Draft v${d.version} is sent back for rework (${reasons.join(", ")}): ${comment}`,
  };
}

/** Socially significant, or high importance where the regulation says so: the head is told at once. */
export function significant(v: CaseView, why: string[], now: string, note?: string): Notice {
  return {
    key: `${v.caseId}:significant`,
    kind: "significant",
    to: { roles: ["supervisor"] },
    subject: `Срочно (${why.join(", ")}): ${v.caseId}`,
    text: `${now}: ${v.message.url}\n\n${v.message.text}${note ? `\n\n${note}` : ""}`,
  };
}

/** The former executors of a reassigned case are told they no longer act on it (workflows/substitutes.ts). */
export function relieved(v: CaseView, gone: string[], to: string[], reason: string): Notice {
  return {
    key: `${v.caseId}:reassigned:${v.seq}`,
    kind: "assignment",
    to: { staffIds: gone },
    subject: `Сообщение передано другому исполнителю: ${v.caseId}`,
    text: `${v.caseId} is now with ${to.join(", ")} (${reason}); you no longer act on it.`,
  };
}

/** A step's deadline passed: the regulation's escalation roles and whoever holds the step. */
export function breach(v: CaseView, rules: Rules, f: Firing, holders: Recipients): Notice {
  return {
    key: `${v.caseId}:breach:${f.step}:${f.view.round}`,
    kind: "breach",
    to: { roles: [...rules.escalateTo], staffIds: holders.staffIds },
    subject: `Нарушен срок «${f.step}»: ${v.caseId}`,
    text: `Step ${f.step} (budget ${f.view.budget}, ${f.view.source}) was due ${f.view.dueAt}.`,
  };
}

/** A step's warning share of its budget is spent (WARN_AT_SHARE): whoever holds the step. */
export function warning(v: CaseView, f: Firing, holders: Recipients): Notice {
  return {
    key: `${v.caseId}:warning:${f.step}:${f.view.round}`,
    kind: "warning",
    to: holders,
    subject: `Истекает срок «${f.step}»: ${v.caseId}`,
    text: `Step ${f.step} is due ${f.view.dueAt}.`,
  };
}

/** The network refused the approved reply (workflows/delivery.ts): the publisher role posts it by hand. */
export function publishByHand(
  caseId: string,
  d: { draftVersion: number; network: string; reason: string },
  url: string,
  to: Recipients,
): Notice {
  return {
    key: `${caseId}:publish-by-hand:v${d.draftVersion}`,
    kind: "publish_by_hand",
    to,
    subject: `Опубликуйте ответ вручную: ${caseId}`,
    text: `${d.network} refused the reply (${d.reason}). Post it to ${url} and confirm with publish {url}.`,
  };
}

/** A merged post's copy of an answer did not go out through its network: a person posts it there. */
export function copyByHand(caseId: string, post: MergedPost, draftVersion: number, to: Recipients): Notice {
  return {
    key: `${post.caseId}:publish-by-hand:v${draftVersion}`,
    kind: "publish_by_hand",
    to,
    subject: `Опубликуйте ответ вручную: ${post.caseId}`,
    text: `The answer of ${caseId} goes to the merged post ${post.url} too (${post.network}); post it there by hand.`,
  };
}

/** Yuzhno-Sakhalinsk 1.4, 3.4: a direct message's answer is not copied to a merged public post. */
export function publicReplyNeeded(
  caseId: string,
  post: MergedPost,
  draftVersion: number,
  to: Recipients,
): Notice {
  return {
    key: `${post.caseId}:public-reply:v${draftVersion}`,
    kind: "publish_by_hand",
    to,
    subject: `Нужен отдельный публичный ответ: ${post.caseId}`,
    text: `The answer of ${caseId} was written for a direct message and is not posted publicly (Yuzhno-Sakhalinsk 1.4, 3.4). Write the merged public post ${post.url} (${post.network}) its own reply and post it by hand.`,
  };
}

/** A merged case could not tell its main case about its post: the curators answer it by hand. */
export function mergeUnannounced(caseId: string, into: string, reason: string, url: string): Notice {
  return {
    key: `${caseId}:merge-unannounced`,
    kind: "publish_by_hand",
    to: { roles: ["curator"] },
    subject: `Объединённое обращение не получит ответ автоматически: ${caseId}`,
    text: `${into} could not be told about this post (${reason}); answer ${url} by hand.`,
  };
}

/** Yuzhno-Sakhalinsk 3.5: the answer of general interest could not be posted to the site section. */
export function siteSectionByHand(
  caseId: string,
  gi: { section: string; draftVersion: number; reason?: string },
  text: string,
  to: Recipients,
): Notice {
  return {
    key: `${caseId}:site-section:v${gi.draftVersion}:by-hand`,
    kind: "publish_by_hand",
    to,
    subject: `Разместите ответ в разделе «${gi.section}»: ${caseId}`,
    text: `The answer of ${caseId} is of general interest (Yuzhno-Sakhalinsk 3.5) and goes to the site section «${gi.section}» (${gi.reason}); post it there by hand.\n\n${text}`,
  };
}
