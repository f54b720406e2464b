// Answers of general interest (Yuzhno-Sakhalinsk 3.5 «подлежат публичному размещению … на официальных сайтах
// администрации … в разделе «Информация для населения»»; docs/regulations.md "answers of general interest"):
// `approve {generalInterest: true}` also posts the approved answer to the org's site section through the site
// publisher (activities/publishers/site.ts), once by its key; an org with no site account, or a site that
// refuses, gets a task for the publisher role to post it by hand. A direct message's answer is refused at
// approve (guards.ts): it is never posted publicly.
import { condition } from "@temporalio/workflow";
import { type DeliveryContext, failureOf, publish } from "./delivery";
import { siteSection } from "./outgoing";
import { PATCHES } from "./patches";

export function generalInterestLoop(ctx: DeliveryContext) {
  const m = ctx.machine;
  const on = ctx.has(PATCHES.generalInterest);
  let done = !on;
  const pending = () => m.view.generalInterest?.state === "pending";
  const loop = async () => {
    if (!on) return;
    for (;;) {
      await condition(() => pending() || m.closed);
      const gi = m.view.generalInterest;
      if (gi?.state !== "pending") break;
      siteSection(m, { state: "posting" });
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
        if (r.state === "published") siteSection(m, { state: "published", url: r.url });
        else reason = "no active site account";
      } catch (e) {
        reason = failureOf(e);
      }
      if (reason) siteSection(m, { state: "manual", reason, text: draft?.text ?? "" });
      ctx.changed();
    }
    done = true;
  };
  return { loop, settled: () => done };
}
