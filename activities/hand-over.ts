// Yuzhno-Sakhalinsk 3.2 ¶3 and 3.3 (seed 000_42ec52c8cd571ccf.txt; docs/regulations.md "Yuzhno-Sakhalinsk
// hand-over"): the operator «направляет ответ в департамент информационной политики Правительства Сахалинской
// области» after publishing it, or hands the answer over to that department instead of publishing it
// («или передача ответа в департамент»). Both are an e-mail to the department's address in the org's settings
// (`orgs.regional_department_email`), once per answer. A hand-over of a message that came through a push feed
// with a callback URL (the feed's `url`: the regional system's «размещение в личном кабинете») also posts the
// answer to that URL, once, signed like the site webhook (HMAC-SHA256 under the feed's secret over
// `<timestamp>.<raw body>`, Idempotency-Key), through the outbound guard.
import { ApplicationFailure } from "@temporalio/common";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { feeds } from "../db/schema";
import { unseal } from "../db/secrets";
import type { Mailer } from "./mail";
import { findOrg } from "./notify";
import { sendOnce } from "./once";
import { defaultOutbound, OutboundRefused } from "./outbound";
import { signSiteBody } from "./publishers/site";
import { regionalDepartment } from "./recipients";

export interface HandOverInput {
  key: string;
  caseId: string;
  org: string;
  mode: "published" | "handed_over";
  draftVersion: number;
  text: string;
  /** The published answer's URL (mode `published`). */
  url?: string;
  note?: string;
  /** The message's source and id there: which feed it came through, and its id for the callback. */
  source: string;
  externalId: string;
  messageUrl: string;
}

export async function handOverAnswer(
  deps: { db: Db; mailer: Mailer; fetch?: typeof fetch },
  input: HandOverInput,
): Promise<{ emailed: boolean; calledBack: boolean }> {
  const org = await findOrg(deps.db, input.org);
  let emailed = false;
  const to = regionalDepartment(org);
  if (to.length > 0) {
    const subject =
      input.mode === "published"
        ? `Опубликован ответ на сообщение пользователя: ${input.caseId}`
        : `Передача ответа на сообщение пользователя: ${input.caseId}`;
    const r = await sendOnce(
      deps.db,
      { key: input.key, caseId: input.caseId, channel: "email", recipient: to.join(","), subject },
      () => deps.mailer.send({ key: input.key, to, subject, text: handOverText(org.name, input) }),
    );
    emailed = r.ran;
  } else if (input.mode === "handed_over")
    // A hand-over with nobody to receive it would close the case with the answer nowhere.
    throw ApplicationFailure.nonRetryable(
      `org '${org.id}' has no regional department e-mail (recipients.regionalDepartment)`,
      "no_regional_department_email",
    );
  let calledBack = false;
  if (input.mode === "handed_over") {
    const [feed] = await deps.db
      .select()
      .from(feeds)
      .where(
        and(
          eq(feeds.orgId, input.org),
          eq(feeds.source, input.source),
          eq(feeds.kind, "push"),
          isNotNull(feeds.url),
        ),
      );
    if (feed?.url && feed.secret) {
      const url = feed.url;
      const secret = unseal(feed.secret);
      const key = `${input.key}:callback`;
      const r = await sendOnce(
        deps.db,
        { key, caseId: input.caseId, channel: "callback", recipient: url, subject: "hand-over" },
        () => postCallback(deps.fetch ?? defaultOutbound(), url, secret, key, input),
      );
      calledBack = r.ran;
    }
  }
  return { emailed, calledBack };
}

export function handOverText(orgName: string, h: HandOverInput): string {
  return [
    h.mode === "published"
      ? `${orgName}: ответ на сообщение пользователя опубликован (п. 3.2 Порядка).`
      : `${orgName}: ответ на сообщение пользователя передаётся в департамент вместо публикации (п. 3.3 Порядка).`,
    "",
    `Сообщение: ${h.messageUrl}`,
    ...(h.url ? [`Ответ опубликован: ${h.url}`] : []),
    ...(h.note ? [`Примечание: ${h.note}`] : []),
    "",
    h.text,
    "",
    `Дело: ${h.caseId}`,
  ].join("\n");
}

async function postCallback(
  doFetch: typeof fetch,
  url: string,
  secret: string,
  key: string,
  h: HandOverInput,
): Promise<void> {
  const body = JSON.stringify({
    key,
    caseId: h.caseId,
    externalId: h.externalId,
    text: h.text,
    ...(h.note ? { note: h.note } : {}),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        "x-casework-timestamp": timestamp,
        "x-casework-signature": signSiteBody(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    if (e instanceof OutboundRefused)
      throw ApplicationFailure.nonRetryable(`callback ${url} not called: ${e.message}`, "callback_refused");
    throw ApplicationFailure.retryable(
      `callback ${url} unreachable: ${(e as Error).message}`,
      "callback_unreachable",
    );
  }
  // Read to the end (the guard caps it): cancelling the guarded stream mid-flight throws outside the activity.
  await res.text().catch(() => "");
  // 409: the receiver has this key already (a repeat after an unknown outcome).
  if (res.ok || res.status === 409) return;
  if (res.status >= 500 || res.status === 408 || res.status === 429)
    throw ApplicationFailure.retryable(`callback ${url} answered ${res.status}`, "callback_unavailable");
  throw ApplicationFailure.nonRetryable(
    `callback ${url} refused the answer: ${res.status}`,
    "callback_refused",
  );
}
