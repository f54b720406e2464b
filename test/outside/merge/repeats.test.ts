// Repeat messages on the real stack, through the API (docs/regulations.md "repeat messages"; Zarechny 17,
// Omsk 13–14, Nenets 23): the duplicate finder also searches closed cases and marks the earlier answered
// ones, and the curator marks the earlier case at triage (`repeatOf`), an earlier case of his org only.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { caseIdOf } from "../../../workflows/message";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startTestStack, type TestStack } from "../../support/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function start(org: string, extra: Record<string, unknown> = {}): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const m = message(org, uniqueId("repeat"), { publishedAt: at, detectedAt: at, ...extra });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

const { act, ok, read } = caseActions(() => stack, { reader: "omsk.curator" });
const triage = { topic: "Мусор", importance: "normal", executors: ["omsk.executor1"] };

describe("repeat messages (Zarechny 17, Omsk 13–14, Nenets 23)", () => {
  test("the finder lists closed cases too and marks the earlier answered one; the curator links it at triage", async () => {
    const text =
      "Во дворе дома 7 по улице Мира вторую неделю не вывозят мусор, контейнеры переполнены, просим принять меры.";
    const earlier = await start("omsk", { url: `https://vk.com/wall-4_${uniqueId("p")}`, text });
    await ok(earlier, "triage", "omsk.curator", triage);
    await ok(earlier, "accept", "omsk.executor1");
    await ok(earlier, "draft", "omsk.executor1", { kind: "final", text: "Здравствуйте! Мусор вывезен." });
    await ok(earlier, "approve", "omsk.curator");
    const closed = await ok(earlier, "publish", "omsk.curator", { url: "https://vk.com/wall-4_1?reply=1" });
    expect(closed.status).toBe("closed");
    // A closed case that was never answered (rejected) is listed but not marked answered.
    const rejected = await start("omsk", { url: `https://vk.com/wall-4_${uniqueId("p")}`, text });
    await ok(rejected, "reject", "omsk.curator", { ground: "obscene" });

    const repeat = await start("omsk", { url: `https://vk.com/wall-4_${uniqueId("p")}`, text: `${text}!` });
    const items = await eventually(async () => {
      const r = await stack.app.inject({
        method: "GET",
        url: `/v1/cases/${repeat}/duplicates`,
        headers: await bearer("omsk.curator"),
      });
      if (r.statusCode === 404) return false; // the read model has not received the new case yet
      expect(r.statusCode, r.body).toBe(200);
      const found = r.json().items as Array<{ caseId: string; status: string; answered: boolean }>;
      const ids = found.map((i) => i.caseId);
      return ids.includes(earlier) && ids.includes(rejected) && found;
    });
    const by = Object.fromEntries(items.map((i) => [i.caseId, i]));
    expect(by[earlier]).toMatchObject({ status: "closed", answered: true, reasons: ["similar_text"] });
    expect(by[rejected]).toMatchObject({ status: "rejected", answered: false });

    // Only an earlier case of the curator's org: unknown and another org's are refused at the edge.
    const zarechny = await start("zarechny");
    for (const other of ["case-omsk~x~nope", zarechny]) {
      const refused = expectProblem(
        await act(repeat, "triage", "omsk.curator", { ...triage, repeatOf: other }),
        422,
      );
      expect(JSON.stringify(refused)).toContain("body.repeatOf");
    }
    const v = await ok(repeat, "triage", "omsk.curator", { ...triage, repeatOf: earlier });
    expect(v.linkedTo).toBe(earlier);
    await eventually(async () => (await read(repeat)).linkedTo === earlier);
  });
});
