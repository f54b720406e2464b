// Answers of general interest (Yuzhno-Sakhalinsk 3.5 «подлежат публичному размещению … на официальных сайтах
// администрации … в разделе «Информация для населения»»; docs/regulations.md "answers of general interest"):
// `approve {generalInterest: true}` also posts the approved answer to the org's site section through the site
// publisher (activities/publishers/site.ts), once by its key; an org with no site account, or a site that
// refuses, gets a task for the publisher role to post it by hand. A direct message's answer is refused at
// approve (guards.ts): it is never posted publicly.
import { condition, patched } from "@temporalio/workflow";
import { type DeliveryContext, failureOf, publish } from "./delivery";
import { PATCHES } from "./patches";

export function generalInterestLoop(ctx: DeliveryContext) {
  const m = ctx.machine;
  const on = patched(PATCHES.generalInterest);
  let done = !on;
  const pending = () => m.view.generalInterest?.state === "pending";
  const loop = async () => {
    if (!on) return;
    for (;;) {
      await condition(() => pending() || m.closed);
      const gi = m.view.generalInterest;
      if (gi?.state !== "pending") break;
      gi.state = "posting";
      ctx.changed();
      const draft = m.view.drafts.find((d) => d.version === gi.draftVersion);
      const key = `${ctx.input.caseId}:site-section:v${gi.draftVersion}`;
      let reason: string | undefined;
      try {
        const r = await publish({
          key,
          caseId: ctx.input.caseId,
          org: ctx.input.org.id,
          network: "site",
          channel: "post",
          replyTo: ctx.input.message.url,
          text: draft?.text ?? "",
          attachments: draft?.attachments ?? [],
          draftVersion: gi.draftVersion,
        });
        if (r.state === "published") {
          Object.assign(gi, { state: "published", url: r.url });
          ctx.io.event("general_interest_published", "system:site", { url: r.url, section: gi.section });
        } else reason = "no active site account";
      } catch (e) {
        reason = failureOf(e);
      }
      if (reason) {
        Object.assign(gi, { state: "manual", reason });
        ctx.io.event("general_interest_manual", undefined, { reason, section: gi.section });
        ctx.io.notify({
          key: `${key}:by-hand`,
          kind: "publish_by_hand",
          to: ctx.publisher(),
          subject: `Разместите ответ в разделе «${gi.section}»: ${ctx.input.caseId}`,
          text: `The answer of ${ctx.input.caseId} is of general interest (Yuzhno-Sakhalinsk 3.5) and goes to the site section «${gi.section}» (${reason}); post it there by hand.\n\n${draft?.text ?? ""}`,
        });
      }
      ctx.changed();
    }
    done = true;
  };
  return { loop, settled: () => done };
}
