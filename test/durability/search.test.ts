// Temporal UI is the admin console: every case search attribute filters `temporal workflow list`
// (docs/architecture.md "Temporal design"; the "filters by every search attribute").
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { toolPath } from "../../scripts/stack";
import { devStack } from "./dev";

let d: Awaited<ReturnType<typeof devStack>>;
let id: string;
beforeAll(async () => {
  d = await devStack();
  // Found two weeks ago: the answer is overdue by the time the case starts.
  id = await d.start("omsk", 14 * 24 * 60, { network: "telegram" });
  await d.act(id, "triage", "omsk.curator", {
    topic: "Благоустройство",
    importance: "high",
    executors: ["omsk.executor2"],
  });
});
afterAll(async () => {
  await d?.stop();
});

const list = (query: string): string[] =>
  (
    JSON.parse(
      execFileSync(
        toolPath("temporal"),
        ["workflow", "list", "--address", inject("temporalAddress"), "--query", query, "-o", "json"],
        { encoding: "utf8" },
      ) || "[]",
    ) as Array<{ execution: { workflowId: string } }>
  ).map((w) => w.execution.workflowId);

test.each([
  ["CaseStatus", "CaseStatus='assigned'"],
  ["CaseOrg", "CaseOrg='omsk'"],
  ["CaseRegulation", "CaseRegulation='omsk'"],
  ["CaseImportance", "CaseImportance='high'"],
  ["CaseTopic", "CaseTopic='Благоустройство'"],
  ["CaseAssignees", "CaseAssignees='omsk.executor2'"],
  ["CaseAnswerDueAt", `CaseAnswerDueAt < '${new Date().toISOString()}'`],
  ["CaseOverdue", "CaseOverdue=true"],
  ["CaseNetwork", "CaseNetwork='telegram'"],
])("%s filters the case list: %s", async (_name, query) => {
  await expect.poll(() => list(query), { timeout: 15_000, interval: 300 }).toContain(id);
  expect(list(`${query} AND CaseOrg='zarechny'`)).not.toContain(id);
});
