// URLs of any scheme but http(s) are refused (issue 16): a message's post, its author's profile and
// attachments at the API's edge; a link, a published answer and a draft's attachments in the running case's
// update validator too (workflows/actions.ts), so no `javascript:` or `data:` URL reaches a case view.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
let caseId: string;
beforeAll(async () => {
  stack = await startTestStack();
  const res = await post(message("omsk", uniqueId("scheme")));
  expect(res.statusCode, res.body).toBe(201);
  caseId = res.json().caseId;
});
afterAll(async () => {
  await stack?.stop();
});

function post(payload: object) {
  return stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey("omsk"), payload });
}
const act = async (action: string, who: string, payload: object) =>
  stack.app.inject({
    method: "POST",
    url: `/v1/cases/${encodeURIComponent(caseId)}/actions/${action}`,
    headers: await bearer(who),
    payload,
  });
const bad = [
  "javascript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "file:///etc/passwd",
  "vbscript:msgbox(1)",
];

describe("messages", () => {
  test.each(bad)("%s as the post's URL, the profile or an attachment is 422", async (url) => {
    for (const [extra, path] of [
      [{ url }, "body.url"],
      [{ author: { name: "Иван", profileUrl: url } }, "body.author.profileUrl"],
      [{ attachments: ["https://vk.com/photo1", url] }, "body.attachments.1"],
    ] as const) {
      const p = expectProblem(await post(message("omsk", uniqueId("scheme"), extra)), 422);
      expect(p.errors?.map((e) => e.path)).toContain(path);
    }
  });

  test("http and https are accepted", async () => {
    const res = await post(
      message("omsk", uniqueId("scheme"), {
        url: "http://vk.com/wall-1_1",
        attachments: ["https://vk.com/x"],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe("actions", () => {
  test.each(bad)("%s in link, publish or a draft's attachments is refused as invalid", async (url) => {
    for (const [action, who, payload] of [
      ["link", "omsk.curator", { url }],
      ["publish", "omsk.curator", { url }],
      ["draft", "omsk.executor1", { kind: "final", text: "Ответ", attachments: [url] }],
    ] as const) {
      const res = await act(action, who, payload);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(422);
      expect(res.body).not.toContain("wrong_state");
    }
  });
});
