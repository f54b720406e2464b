// Shared by the publisher suites: the activities over the real PostgreSQL with the publishers of the
// worker (createPublishers), an org of its own per suite with its network account pointed at a loopback
// stand-in (test/support/networks), and checks of the failures the workflow sees.
import { randomUUID } from "node:crypto";
import { ApplicationFailure } from "@temporalio/common";
import { eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import {
  createActivities,
  createPublishers,
  createSmtpMailer,
  type PublishRequest,
} from "../../../activities";
import { createDb } from "../../../db/client";
import { networkAccounts, orgs, publications } from "../../../db/schema";
import { sealJson } from "../../../db/secrets";

export const uid = () => randomUUID().slice(0, 8);

export async function publisherSuite() {
  const conn = createDb(inject("databaseUrl"), { max: 4 });
  const mailer = createSmtpMailer("", "casework@example.test");
  const acts = createActivities({ db: conn.db, mailer, publishers: createPublishers({ db: conn.db }) });

  /** A fresh org (regulation of Yuzhno-Sakhalinsk) so no other suite's accounts or keys meet ours. */
  async function org() {
    const id = `pubtest-${uid()}`;
    await conn.db
      .insert(orgs)
      .values({ id, name: id, regulation: "yuzhno-sakhalinsk", zone: "Asia/Sakhalin" });
    return id;
  }

  async function account(
    orgId: string,
    network: string,
    a: { baseUrl: string; credentials: object; settings?: object; active?: boolean },
  ) {
    await conn.db.insert(networkAccounts).values({
      orgId,
      network,
      baseUrl: a.baseUrl,
      credentials: sealJson(a.credentials),
      settings: a.settings ?? {},
      active: a.active ?? true,
    });
  }

  const request = (orgId: string, over: Partial<PublishRequest> = {}): PublishRequest => {
    const caseId = `case-${orgId}-monitor-${uid()}`;
    return {
      key: `${caseId}:v1`,
      caseId,
      org: orgId,
      network: "vk",
      channel: "comment",
      replyTo: "https://vk.com/wall-1_100?reply=101",
      text: "Здравствуйте! Ремонт дороги на ул. Ленина начнётся в мае.",
      attachments: [],
      draftVersion: 1,
      ...over,
    };
  };

  const row = async (key: string) => {
    const [r] = await conn.db.select().from(publications).where(eq(publications.key, key));
    return r;
  };

  return {
    db: conn.db,
    acts,
    org,
    account,
    request,
    row,
    close: () => conn.close(),
  };
}

/** The activity failed the way Temporal will see it: an ApplicationFailure of this type, retryable or not. */
export async function expectFailure(
  p: Promise<unknown>,
  type: "publish_rate_limited" | "publish_unavailable" | "publish_forbidden",
): Promise<ApplicationFailure> {
  const e = await p.then(
    () => {
      throw new Error(`expected a ${type} failure, the publish succeeded`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApplicationFailure);
  const f = e as ApplicationFailure;
  expect(f.type, f.message).toBe(type);
  expect(f.nonRetryable).toBe(type === "publish_forbidden");
  return f;
}
