// A worker crash loses no case and sends nothing twice (docs/architecture.md "Temporal design"; Omsk 18,
// Zarechny 21: every breach escalated). The new worker has no cache: it replays the whole history.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { notifications } from "../../db/schema";
import { getCase } from "../../workflows/actions";
import { devStack } from "./dev";

let d: Awaited<ReturnType<typeof devStack>>;
beforeAll(async () => {
  d = await devStack();
});
afterAll(async () => {
  await d?.stop();
});

test("breaches are escalated exactly once across a worker restart; the case goes on", async () => {
  // Found two weeks ago and delivered only now: route and answer deadlines are long past (Omsk 4.4, 6).
  const id = await d.start("omsk", 14 * 24 * 60);
  const breachMails = (step: string) =>
    d.smtp.mails.filter((m) => m.subject === `Нарушен срок «${step}»: ${id}`);
  await expect.poll(() => breachMails("route").length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => breachMails("answer").length, { timeout: 15_000 }).toBe(1);
  expect(breachMails("route")[0]!.to).toEqual(expect.arrayContaining(["omsk.supervisor@example.test"]));

  await d.restartWorker();
  let v = await d.act(id, "triage", "omsk.curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: ["omsk.executor1"],
  });
  expect(v.status).toBe("assigned");
  v = await d.act(id, "accept", "omsk.executor1");
  expect(v.status).toBe("drafting");
  await d.restartWorker();
  v = await d.act(id, "draft", "omsk.executor1", { kind: "final", text: "Вывоз мусора восстановлен." });
  expect(v.status).toBe("review");

  await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to arrive
  expect(breachMails("route").length).toBe(1);
  expect(breachMails("answer").length).toBe(1);
  const rows = await d.db.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.caseId, id), like(notifications.key, `${id}:breach:%`)));
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  const live = await d.client.workflow.getHandle(id).query(getCase);
  expect(live.overdue).toBe(true);
  expect(live.steps.route).toMatchObject({ breachedAt: expect.any(String), metAt: expect.any(String) });
});

test("refused actions leave the history untouched on the real server", async () => {
  const id = await d.start("zarechny");
  const handle = d.client.workflow.getHandle(id);
  await expect.poll(async () => (await handle.query(getCase)).seq).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 500));
  const before = (await handle.fetchHistory()).events!.length;
  await expect(d.act(id, "accept", "zarechny.executor1")).rejects.toMatchObject({
    cause: { type: "wrong_state" },
  });
  await expect(
    d.act(id, "triage", "zarechny.executor1", {
      topic: "t",
      importance: "normal",
      executors: ["zarechny.executor1"],
    }),
  ).rejects.toMatchObject({
    cause: { type: "forbidden" },
  });
  await expect(d.act(id, "triage", "zarechny.curator", { importance: "normal" })).rejects.toMatchObject({
    cause: { type: "invalid" },
  });
  expect((await handle.fetchHistory()).events!.length).toBe(before);
});
