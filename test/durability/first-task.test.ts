// An action that reaches a case in the case's first workflow task: the SDK runs the Update's handler as the
// handlers are registered, before the workflow body goes on. The case must already be open then (its
// message received, its clocks armed): otherwise the action meets no step, and the step armed after it is
// breached later although it was done (the Yuzhno-Sakhalinsk link walk saw `route.metAt` undefined once under
// load). Update-with-start puts the action into that first task on purpose.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getTimeline } from "../../workflows/actions";
import { devStack } from "./dev";

let d: Awaited<ReturnType<typeof devStack>>;
beforeAll(async () => {
  d = await devStack();
});
afterAll(async () => {
  await d?.stop();
});

test("link in the first task (Yuzhno-Sakhalinsk 3.6 ¶2): the route is met by it, the message received before it", async () => {
  const { caseId, view } = await d.startWith("yuzhno-sakhalinsk", "link", "yuzhno-sakhalinsk.curator", {
    url: "https://yuzhno-sakh.ru/news/remont-dorog",
  });
  expect(view.status).toBe("publishing");
  expect(view.steps.route?.metAt).toBeDefined();
  expect(view.steps.route?.breachedAt).toBeUndefined();
  const timeline = await d.client.workflow.getHandle(caseId).query(getTimeline);
  expect(timeline.map((e) => e.type).slice(0, 2)).toEqual(["received", "link"]);
});

test("triage in the first task (Omsk 4.4): the route step is met, not armed again after it", async () => {
  const { caseId, view } = await d.startWith("omsk", "triage", "omsk.curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: ["omsk.executor1"],
  });
  expect(view.status).toBe("assigned");
  expect(view.steps.route?.metAt).toBeDefined();
  const later = await d.client.workflow.getHandle(caseId).query(getTimeline);
  expect(later[0]?.type).toBe("received");
});
