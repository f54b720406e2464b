// The README's walk-through, run as written: the shell block under "## Walk-through" is taken from README.md
// and run by bash against a stack (this suite's API on a free port, the real Temporal dev server and
// PostgreSQL of the stack project), with only `API=` pointed at that port. Every curl's answer is checked,
// so the README cannot drift from the product.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { root } from "../../scripts/stack";
import { startTestStack, type TestStack } from "../support/stack";

let stack: TestStack;
let api: string;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.app.listen({ port: 0, host: "127.0.0.1" });
  api = `http://127.0.0.1:${(stack.app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await stack?.stop();
});

/** The first ```sh block after the heading `## <title>` of README.md. */
function readmeBlock(title: string): string {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const at = readme.indexOf(`\n## ${title}`);
  if (at < 0) throw new Error(`README.md has no section "${title}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md's "${title}" has no sh block`);
  return block[1]!;
}

/**
 * Runs a README block with bash (not synchronously: the API answering it runs in this process); each curl's
 * answer comes back as its body and status.
 */
async function run(block: string): Promise<Array<{ status: number; body: string }>> {
  const line = "API=http://localhost:3000";
  expect(block.split("\n")).toContain(line);
  const script = [
    "set -euo pipefail",
    // Every answer followed by its status on a line of its own (the README's curls print bodies only).
    `curl() { command curl -w '\\n@@%{http_code}\\n' "$@"; }`,
    block.replace(line, `API=${api}`),
  ].join("\n");
  const child = spawn("bash", ["-c", script], {
    cwd: root,
    // The token command reads the staff rows from the stack's PostgreSQL instead of make dev's.
    env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((r) => child.once("close", r));
  expect(code, `${stderr}\n${stdout}`).toBe(0);
  const answers: Array<{ status: number; body: string }> = [];
  let body: string[] = [];
  for (const l of stdout.split("\n")) {
    const status = /^@@(\d{3})$/.exec(l);
    if (status) {
      answers.push({ status: Number(status[1]), body: body.join("\n") });
      body = [];
    } else body.push(l);
  }
  return answers;
}

test("the walk-through runs as written and answers as the README says", { timeout: 120_000 }, async () => {
  const answers = await run(readmeBlock("Walk-through: one case from message to published answer"));
  const json = answers.map((a) => JSON.parse(a.body));
  expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 409]);
  const [created, suggest, triage, accept, draft, approve, publish, view, timeline, list, refused] = json;
  // 1. The case id and the start deadlines in the org's offset.
  expect(created.caseId).toMatch(/^case-omsk~incident-monitor~demo-\d+$/);
  expect(created).toMatchObject({ status: "triage" });
  expect(created.deadlines).toMatchObject({
    route: expect.stringMatching(/\+06:00$/),
    answer: expect.stringMatching(/\+06:00$/),
  });
  expect(suggest).toBeTypeOf("object");
  // 2-4. Each action answers the case as it is after it.
  expect(triage).toMatchObject({ status: "assigned", topic: "Дороги" });
  expect(accept.status).toBe("drafting");
  expect(draft.status).toBe("review");
  expect(approve.status).toBe("publishing");
  expect(publish.status).toBe("closed");
  // 5. The case, its audit trail, the list.
  expect(view).toMatchObject({ caseId: created.caseId, status: "closed" });
  expect(view.publications[0]).toMatchObject({ url: "https://vk.com/wall-1_100?reply=101" });
  // Every instant of the answers in Omsk's offset, none in UTC.
  const utcLeft = JSON.stringify([created, triage, publish, view, timeline, list]).match(
    /"[^"]*":"[^"]*\d\d:\d\d(\.\d+)?Z"/g,
  );
  expect(utcLeft).toBeNull();
  expect(view.steps.answer.startedAt).toMatch(/\+06:00$/);
  // The API shows the view the workflow keeps (one schema, workflows/view.ts): what started each clock too.
  expect(view.steps.answer.from).toBeTypeOf("string");
  expect(timeline.caseId).toBe(created.caseId);
  expect(timeline.events[0]).toMatchObject({ seq: 1, type: "received" });
  expect(list.items).toBeInstanceOf(Array);
  // 6. The refusal: problem+json, finished or refused by the running workflow.
  expect(refused.status).toBe(409);
  expect(refused.type).toMatch(/^https:\/\/casework\.dev\/problems\/(wrong-state|refused\/wrong_state)$/);
});

test("README's substitutes block: a repeat triaged with repeatOf, reassigned to a substitute, flagged significant", async () => {
  const answers = await run(readmeBlock("Substitutes, significance, repeats, copies"));
  expect(answers.map((a) => a.status)).toEqual([201, 201, 200, 200, 200]);
  const [earlier, created, triage, reassign, flag] = answers.map((a) => JSON.parse(a.body));
  expect(triage).toMatchObject({ caseId: created.caseId, status: "assigned", linkedTo: earlier.caseId });
  expect(reassign.status).toBe("assigned");
  expect(reassign.assignees).toEqual([expect.objectContaining({ staffId: "zarechny.executor2" })]);
  expect(reassign.steps.answer.dueAt).toBe(triage.steps.answer.dueAt);
  expect(reassign.holders.map((h: { staffIds: string[] }) => h.staffIds)).toEqual([
    ["zarechny.executor1"],
    ["zarechny.executor2"],
  ]);
  expect(flag).toMatchObject({ significant: true, status: "assigned" });
});
