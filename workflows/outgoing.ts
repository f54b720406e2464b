// What the case records of its answers going out (the machine's side of workflows/delivery.ts and
// general-interest.ts): the loops call the network and the site, and these write the outcome into the case
// view, its timeline and its notices, so only the machine writes the view (docs/contracts.md).
import type { MergedPostIn } from "./actions";
import type { CaseMachine } from "./machine";
import * as notices from "./notices";
import type { Delivery, MergedPost } from "./view";

type Reply = MergedPost["replies"][number];

/** Where the approved draft's posting through the network's API stands (`view.delivery`). */
export function delivering(m: CaseMachine, d: Delivery): void {
  m.view.delivery = d;
}

/** The network refused the reply for good, or retries ran out: the publisher role posts it by hand. */
export function postingFailed(m: CaseMachine, d: Delivery & { reason: string }, url: string): void {
  m.view.delivery = d;
  m.io.event("publish_failed", undefined, {
    network: d.network,
    draftVersion: d.draftVersion,
    reason: d.reason,
  });
  m.io.notify(notices.publishByHand(m.view.caseId, d, url, m.holders("publish")));
}

/** The posts merged into this case (incident grouping); the list exists once anything asked for it. */
export function mergedPosts(m: CaseMachine): MergedPost[] {
  m.view.merged ??= [];
  return m.view.merged;
}

/** A merged case told this one where its post is: from now on it gets a copy of each answer. */
export function mergedIn(m: CaseMachine, p: MergedPostIn): boolean {
  const posts = mergedPosts(m);
  if (posts.some((x) => x.caseId === p.caseId)) return false;
  posts.push({
    caseId: p.caseId,
    network: p.network,
    channel: p.channel,
    url: p.url,
    at: p.at,
    fromPublication: Math.max(0, m.view.publications.length - 1),
    replies: [],
  });
  m.io.event("merged_in", undefined, { caseId: p.caseId, network: p.network, url: p.url });
  return true;
}

/** A copy of an answer to a merged post: posted, or (manual, failed) handed to the publisher role. */
export function replyCopied(m: CaseMachine, post: MergedPost, reply: Reply, failure?: string): void {
  if (failure)
    m.io.event("publish_failed", undefined, { network: post.network, to: post.caseId, reason: failure });
  post.replies.push(reply);
  m.io.event("reply_copied", undefined, { to: post.caseId, ...reply });
  if (reply.state !== "published")
    m.io.notify(notices.copyByHand(m.view.caseId, post, reply.draftVersion, m.holders("publish")));
}

/** A public post merged into a direct message's case: no copy of the private answer; a person writes its own. */
export function withheld(m: CaseMachine, post: MergedPost, draftVersion: number, now: string): void {
  const reply = { draftVersion, state: "withheld" as const, reason: "direct_message_answer", at: now };
  post.replies.push(reply);
  m.io.event("reply_withheld", undefined, { to: post.caseId, ...reply });
  m.io.notify(notices.publicReplyNeeded(m.view.caseId, post, draftVersion, m.holders("publish")));
}

/** The merged case could not tell the case it was merged into: its author is answered by hand. */
export function mergeUnannounced(m: CaseMachine, into: string, reason: string): void {
  m.io.event("merge_unannounced", undefined, { into, reason });
  m.io.notify(notices.mergeUnannounced(m.view.caseId, into, reason, m.view.message.url));
}

/** The answer of general interest on its way to the site section (Yuzhno-Sakhalinsk 3.5). */
export function siteSection(
  m: CaseMachine,
  to:
    | { state: "posting" }
    | { state: "published"; url: string }
    | { state: "manual"; reason: string; text: string },
): void {
  const gi = m.view.generalInterest!;
  if (to.state === "posting") {
    gi.state = "posting";
  } else if (to.state === "published") {
    Object.assign(gi, { state: "published", url: to.url });
    m.io.event("general_interest_published", "system:site", { url: to.url, section: gi.section });
  } else {
    Object.assign(gi, { state: "manual", reason: to.reason });
    m.io.event("general_interest_manual", undefined, { reason: to.reason, section: gi.section });
    m.io.notify(notices.siteSectionByHand(m.view.caseId, gi, to.text, m.holders("publish")));
  }
}
