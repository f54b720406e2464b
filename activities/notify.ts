// Notifications to staff: e-mail to the people resolved from `staff`, and the same notice as JSON to the
// org's outbound webhook. Each channel is sent at most once per key (once.ts), so a retried activity
// neither e-mails nor posts twice, and a webhook failure retried later does not repeat the e-mail.
import { ApplicationFailure } from "@temporalio/common";
import { and, arrayOverlaps, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import { between, type Schedule, workTime } from "../calendars";
import type { Db } from "../db/client";
import { departments, type OnCallPerson, orgs, staff } from "../db/schema";
import type { NotificationKind, Recipients } from "../workflows/notices";
import { loadCalendarLayers } from "./calendar";
import type { Mailer } from "./mail";
import { sendOnce } from "./once";
import { defaultOutbound, OutboundRefused } from "./outbound";
import { breachOfficials, headOfficials } from "./recipients";

export type { NotificationKind };

export interface NotifyInput {
  key: string;
  caseId: string;
  org: string;
  kind: NotificationKind;
  /** Roles or people of the org (workflows/notices.ts), or addresses outside it (the report's recipients). */
  to: Recipients & { emails?: string[] };
  subject: string;
  text: string;
}

export interface NotifyDeps {
  db: Db;
  mailer: Mailer;
  fetch?: typeof fetch;
}

type Org = typeof orgs.$inferSelect;

export async function findOrg(db: Db, id: string): Promise<Org> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, id));
  if (!org) throw ApplicationFailure.nonRetryable(`unknown org '${id}'`, "unknown_org");
  return org;
}

export async function notify(deps: NotifyDeps, input: NotifyInput): Promise<{ sent: number }> {
  const org = await findOrg(deps.db, input.org);
  const onCall = await onCallOf(deps.db, org, input.to.onCallOf);
  const recipients = [
    ...new Set([
      ...(await resolveRecipients(deps.db, org, input)),
      ...onCall.flatMap((p) => (p.email ? [p.email.trim().toLowerCase()] : [])),
    ]),
  ].sort();
  let sent = 0;
  if (recipients.length > 0) {
    const mail = await sendOnce(
      deps.db,
      {
        key: input.key,
        caseId: input.caseId,
        channel: "email",
        recipient: recipients.join(", "),
        subject: input.subject,
      },
      () => deps.mailer.send({ key: input.key, to: recipients, subject: input.subject, text: input.text }),
    );
    if (mail.ran) sent = recipients.length;
  }
  const url = org.webhookUrl;
  if (url) {
    await sendOnce(
      deps.db,
      {
        key: `${input.key}:webhook`,
        caseId: input.caseId,
        channel: "webhook",
        recipient: url,
        subject: input.subject,
      },
      (claimedAt) =>
        postWebhook(deps.fetch ?? defaultOutbound(), url, input.key, {
          key: input.key,
          caseId: input.caseId,
          org: input.org,
          kind: input.kind,
          subject: input.subject,
          text: input.text,
          at: claimedAt,
          // The phones of the on-call list, for the org's own SMS or calling (Yuzhno-Sakhalinsk 3.9).
          ...(onCall.length > 0 ? { onCall } : {}),
        }),
    );
  }
  return { sent };
}

/**
 * The on-call people of the org's departments named (none when no department is named) who are on call now:
 * «в рабочее и нерабочее время» (Yuzhno-Sakhalinsk 3.9) read on the org's calendar at the moment of sending.
 */
async function onCallOf(
  db: Db,
  org: Org,
  ids: string[] | undefined,
): Promise<Array<OnCallPerson & { departmentId: string }>> {
  if (!ids || ids.length === 0) return [];
  const rows = await db
    .select({ id: departments.id, onCall: departments.onCall })
    .from(departments)
    .where(and(eq(departments.orgId, org.id), inArray(departments.id, ids)));
  const people = rows.flatMap((r) => r.onCall.map((p) => ({ ...p, departmentId: r.id })));
  if (people.every((p) => p.hours === "always")) return people;
  const layers = await loadCalendarLayers(db, { calendarId: org.calendarId, orgId: org.id });
  const wt = workTime(org.calendarId, org.zone, (org.schedule as Schedule | null) ?? undefined, layers);
  const now = Date.now();
  const working =
    between(wt, new Date(now).toISOString(), new Date(now + 60_000).toISOString(), "working") > 0;
  return onCallNow(people, working);
}

/** Who of an on-call list is on call in working (or non-working) time. */
export function onCallNow<P extends Pick<OnCallPerson, "hours">>(people: P[], working: boolean): P[] {
  return people.filter((p) => p.hours === "always" || (p.hours === "working") === working);
}

/** Active staff of the org with an e-mail, by role or id, plus explicit addresses; deduplicated. */
export async function resolveRecipients(db: Db, org: Org, input: NotifyInput): Promise<string[]> {
  const { roles = [], staffIds = [], emails = [], curatorTier, departmentHeads = [] } = input.to;
  const who: SQL[] = [];
  if (roles.length > 0)
    who.push(
      curatorTier
        ? and(arrayOverlaps(staff.roles, roles), eq(staff.curatorTier, curatorTier))!
        : arrayOverlaps(staff.roles, roles),
    );
  if (staffIds.length > 0) who.push(inArray(staff.id, staffIds));
  const people =
    who.length === 0
      ? []
      : await db
          .select({ email: staff.email })
          .from(staff)
          .where(and(eq(staff.orgId, org.id), eq(staff.active, true), isNotNull(staff.email), or(...who)));
  // Breaches also go to the official who oversees the case's topic (Zarechny 21, Omsk 18, Nenets 27),
  // significant messages to the head (Zarechny 23, Omsk 19, Plastunovskaya 24, Nenets 29): the org's
  // recipients per duty, or its one escalation address (activities/recipients.ts).
  const escalation =
    input.kind === "breach"
      ? await breachOfficials(db, org, input.caseId)
      : input.kind === "significant"
        ? headOfficials(org)
        : [];
  const heads =
    departmentHeads.length === 0
      ? []
      : await db
          .select({ email: departments.headEmail })
          .from(departments)
          .where(
            and(
              eq(departments.orgId, org.id),
              inArray(departments.id, departmentHeads),
              isNotNull(departments.headEmail),
            ),
          );
  const all = [...people.map((p) => p.email!), ...emails, ...escalation, ...heads.map((h) => h.email!)].map(
    (e) => e.trim().toLowerCase(),
  );
  return [...new Set(all)].filter(Boolean).sort();
}

async function postWebhook(
  doFetch: typeof fetch,
  url: string,
  key: string,
  body: Record<string, unknown>,
): Promise<void> {
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    // The guard refused the address (activities/outbound): a retry would be refused the same way.
    if (e instanceof OutboundRefused)
      throw ApplicationFailure.nonRetryable(`webhook ${url} not called: ${e.message}`, "webhook_refused");
    throw ApplicationFailure.retryable(
      `webhook ${url} unreachable: ${(e as Error).message}`,
      "webhook_unreachable",
    );
  }
  await res.body?.cancel();
  if (res.ok) return;
  // 5xx, and the two 4xx that mean "later" (timeout, rate limit), pass on retry; any other 4xx means the
  // receiver refuses this request as it is, so retrying it only delays the case.
  if (res.status >= 500 || res.status === 408 || res.status === 429)
    throw ApplicationFailure.retryable(`webhook ${url} answered ${res.status}`, "webhook_unavailable");
  throw ApplicationFailure.nonRetryable(
    `webhook ${url} refused the notice: ${res.status}`,
    "webhook_refused",
  );
}
