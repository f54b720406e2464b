// Getting the answer out (issue "Reaching the outside world"): the approved draft is posted through the
// network's API when the org has an account there (activities/publishers), and every post merged into
// this case (`merge`, incident grouping) gets a copy of each answer. A permission error, or retries that
// run out, hands the answer back to the profile's publisher role, who posts it by hand with `publish`.
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
} from "@temporalio/workflow";
import type { createActivities } from "../activities";
import { type MergedPostIn, postMerged } from "./actions";
import type { CaseMachine, Io } from "./machine";
import type { CaseInput } from "./message";
import {
  delivering,
  mergedIn,
  mergedPosts,
  mergeUnannounced,
  postingFailed,
  replyCopied,
  withheld,
} from "./outgoing";
import { PATCHES, type Patch } from "./patches";
import type { MergedPost } from "./view";

type Activities = ReturnType<typeof createActivities>;
// A database read: retried until PostgreSQL answers.
const { postsThroughApi } = proxyActivities<Activities>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "2 seconds", maximumInterval: "1 minute" },
});
// Rate limits and flood control are retried with backoff for about an hour and a half; `publish_forbidden`
// (no permission, a revoked token, a deleted post) is final at once.
export const { publish } = proxyActivities<Activities>({
  startToCloseTimeout: "1 minute",
  retry: {
    initialInterval: "5 seconds",
    backoffCoefficient: 2,
    maximumInterval: "5 minutes",
    maximumAttempts: 20,
    nonRetryableErrorTypes: ["publish_forbidden"],
  },
});

export interface DeliveryContext {
  input: CaseInput;
  machine: CaseMachine;
  io: Io;
  now(): string;
  /** Wakes the other loops after a change of state. */
  changed(): void;
  /**
   * Ask whether the org has an active account on the network when the answer is due to go out
   * (`postsThroughApi`); false for cases started before that: they use `input.org.publishers`, the accounts
   * at their start.
   */
  liveAccounts: boolean;
  /** Whether the case runs a patch's code (workflows/patches.ts `patchesOf`). */
  has(id: Patch): boolean;
}

/** Posts each draft that reaches `publishing` through the message's network, when the org has an account. */
export async function deliveryLoop(ctx: DeliveryContext): Promise<void> {
  const m = ctx.machine;
  const network = ctx.input.message.network;
  const atStart = ctx.input.org.publishers?.includes(network) ?? false;
  const latest = () => m.view.drafts.at(-1);
  const pending = () =>
    m.view.status === "publishing" &&
    latest() !== undefined &&
    m.view.delivery?.draftVersion !== latest()!.version;
  for (;;) {
    await condition(() => m.closed || (pending() && (ctx.liveAccounts || atStart)));
    if (m.closed) return;
    const draft = latest()!;
    if (ctx.liveAccounts) {
      // A manual `publish` is taken while this is asked (the state is not `posting` yet); the answer counts
      // only if the same draft still waits to go out.
      const viaApi = await postsThroughApi({ org: ctx.input.org.id, network });
      if (m.closed) return;
      if (!pending() || latest()!.version !== draft.version) continue;
      if (!viaApi) {
        delivering(m, {
          draftVersion: draft.version,
          network,
          state: "manual",
          reason: `no active ${network} account`,
        });
        ctx.changed();
        continue;
      }
    }
    const delivery = { draftVersion: draft.version, network, state: "posting" as const };
    delivering(m, delivery);
    ctx.changed();
    try {
      const r = await publish({
        key: `${ctx.input.caseId}:v${draft.version}`,
        caseId: ctx.input.caseId,
        org: ctx.input.org.id,
        network,
        channel: ctx.input.message.channel,
        replyTo: ctx.input.message.url,
        recipient: ctx.input.message.author?.networkUserId,
        text: draft.text,
        attachments: draft.attachments ?? [],
        draftVersion: draft.version,
      });
      if (r.state === "manual") {
        delivering(m, { ...delivery, state: "manual", reason: `no active ${network} account` });
      } else {
        delivering(m, { ...delivery, state: "published" });
        ctx.io.event("publish", `system:${network}`, { url: r.url, externalId: r.externalId });
        if (!m.closed) m.networkPublished(r.url, network, ctx.now());
      }
    } catch (e) {
      postingFailed(m, { ...delivery, state: "manual", reason: failureOf(e) }, ctx.input.message.url);
    }
    ctx.changed();
  }
}

/**
 * Incident grouping, the main case's side: merged posts arrive by signal; each gets the answer published
 * last before it came (if any) and every later one, posted through its own network or handed to a person.
 * Resolves when the case is closed and every copy is out.
 *
 * An answer written for a direct message is never posted publicly (Yuzhno-Sakhalinsk 1.4, 3.4;
 * docs/regulations.md "privacy of direct messages"): a merged public post gets no copy of it; the
 * publisher role is asked to give that post its own public reply. Cases started before the patch copied it.
 */
export function fanOut(ctx: DeliveryContext) {
  const m = ctx.machine;
  const privateAnswers = ctx.has(PATCHES.directPrivacy) && ctx.input.message.channel === "direct";
  const recipients = new Map<string, string | undefined>();
  const posts = () => mergedPosts(m);
  const pending = () =>
    posts().flatMap((post) =>
      m.view.publications
        .slice(post.fromPublication)
        .filter((pub) => !post.replies.some((r) => r.draftVersion === pub.draftVersion))
        .map((pub) => ({ post, pub })),
    );
  let done = false;

  const onMerged = (p: MergedPostIn) => {
    if (!mergedIn(m, p)) return;
    recipients.set(p.caseId, p.recipient);
    ctx.changed();
  };

  const loop = async () => {
    for (;;) {
      await condition(() => pending().length > 0 || m.closed);
      const next = pending()[0];
      if (!next) break;
      const { post, pub } = next;
      const draft = m.view.drafts.find((d) => d.version === pub.draftVersion);
      if (privateAnswers && post.channel !== "direct") {
        withheld(m, post, pub.draftVersion, ctx.now());
        ctx.changed();
        continue;
      }
      let reply: MergedPost["replies"][number];
      let failure: string | undefined;
      try {
        const r = await publish({
          key: `${post.caseId}:v${pub.draftVersion}`,
          caseId: post.caseId,
          org: ctx.input.org.id,
          network: post.network,
          channel: post.channel,
          replyTo: post.url,
          recipient: recipients.get(post.caseId),
          text: draft?.text ?? pub.url,
          attachments: draft?.attachments ?? [],
          draftVersion: pub.draftVersion,
        });
        reply =
          r.state === "published"
            ? { draftVersion: pub.draftVersion, state: "published", url: r.url, at: ctx.now() }
            : { draftVersion: pub.draftVersion, state: "manual", at: ctx.now() };
      } catch (e) {
        reply = { draftVersion: pub.draftVersion, state: "failed", at: ctx.now() };
        failure = failureOf(e);
      }
      replyCopied(m, post, reply, failure);
      ctx.changed();
    }
    done = true;
  };
  return { onMerged, loop, settled: () => done };
}

/** The merged case's side: tell the main case where its post is, so the answer reaches it too. */
export async function announceMerge(ctx: DeliveryContext, into: string): Promise<void> {
  const msg = ctx.input.message;
  try {
    await getExternalWorkflowHandle(into).signal(postMerged, {
      caseId: ctx.input.caseId,
      network: msg.network,
      channel: msg.channel,
      url: msg.url,
      recipient: msg.author?.networkUserId,
      at: ctx.now(),
    });
  } catch (e) {
    mergeUnannounced(ctx.machine, into, failureOf(e));
  }
}

export function failureOf(e: unknown): string {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  if (cause instanceof ApplicationFailure && cause.type) return `${cause.type}: ${cause.message}`;
  return cause instanceof Error ? cause.message : String(cause);
}
