// Draft checks through the API and the workflow (checks/, README "Draft checks"): POST /v1/drafts/check
// on real-looking answers, the org's settings and words, a blocking check refusing `draft` with 422 and
// its findings, and the findings stored on drafts and contributions, in the view and the read model.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { drafts } from "../../db/schema";
import { caseIdOf } from "../../workflows/message";
import type { CaseView } from "../../workflows/view";
import { faulty, goodAnswers, otpiska } from "../support/answers";
import { caseActions } from "../support/case-actions";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  // The suites share the database: put the orgs' settings back.
  for (const org of ["omsk", "plastunovskaya"])
    await settings(org, { enabled: null, block: null, greetByName: false, words: [] });
  await stack?.stop();
});

const omsk = caseActions(() => stack, { org: "omsk", reader: "curator" });
const plast = caseActions(() => stack, { org: "plastunovskaya", reader: "regional-curator" });

async function check(body: object, who = "omsk.executor1") {
  return stack.app.inject({
    method: "POST",
    url: "/v1/drafts/check",
    headers: await bearer(who),
    payload: { org: who.split(".")[0], ...body },
  });
}
const codesOf = async (text: string, extra = {}) => {
  const res = await check({ text, network: "telegram", ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().findings as Array<{ code: string }>).map((f) => f.code);
};

async function settings(org: string, patch: object, who = `${org}.admin`) {
  return stack.app.inject({
    method: "PATCH",
    url: `/v1/orgs/${org}/draft-checks`,
    headers: await bearer(who, { roles: ["admin"] }),
    payload: patch,
  });
}

async function start(org: string, extra = {}): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const m = message(org, uniqueId("chk"), { publishedAt: at, detectedAt: at, ...extra });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

describe("POST /v1/drafts/check", () => {
  test("a good answer gets no finding; each fault its own; the «отписка» four", async () => {
    for (const text of goodAnswers) expect(await codesOf(text), text).toEqual([]);
    for (const [code, text] of Object.entries(faulty))
      expect(new Set(await codesOf(text)), code).toEqual(new Set([code]));
    const res = await check({ text: otpiska, network: "vk" });
    const body = res.json();
    expect(new Set(body.findings.map((f: { code: string }) => f.code))).toEqual(
      new Set(["no_greeting", "too_many_citations", "bureaucratese", "redirect"]),
    );
    expect(body.blocking).toEqual([]); // Omsk warns only
    expect(body.suggestedReasons).toEqual(["no_greeting", "format", "redirect"]);
    const located = body.findings.find((f: { code: string }) => f.code === "redirect");
    expect(otpiska.slice(...located.at)).toBe("не относится к компетенции");
  });

  test("the README's example answers as README shows", async () => {
    const text =
      "Доводим до вашего сведения, что в настоящее время осуществляется проработка вопроса. Данный вопрос не относится к компетенции администрации, обратитесь в управляющую компанию. Извените за неудобства.";
    const res = await check({ text, network: "vk" }, "omsk.executor1");
    const body = res.json();
    expect(
      body.findings.map((f: { code: string; at?: number[] }) => [
        f.code,
        f.at && text.slice(f.at[0], f.at[1]),
      ]),
    ).toEqual([
      ["no_greeting", undefined],
      ["bureaucratese", "Доводим до вашего сведения"],
      ["bureaucratese", "в настоящее время"],
      ["bureaucratese", "осуществляется проработка"],
      ["bureaucratese", "Данный вопрос"],
      ["spelling", "Извените"],
      ["redirect", "не относится к компетенции"],
    ]);
    expect(body.suggestedReasons).toEqual(["no_greeting", "format", "spelling", "redirect"]);
  });

  test("staff of the org only; Plastunovskaya blocks on citations by its regulation (item 20)", async () => {
    expectProblem(await check({ text: "Здравствуйте!", org: "nenets" }), 403);
    expectProblem(await check({ text: "Здравствуйте!" }, "omsk.integrator"), 403);
    const res = await check({ text: otpiska }, "plastunovskaya.executor1");
    expect(res.json().blocking).toEqual(["too_many_citations"]);
  });

  test("the org's settings: its words, checks switched off, greeting by name", async () => {
    const text = "Здравствуйте, Иван! Яму на улице Кривошеевской засыплют до пятницы.";
    expect(await codesOf(text)).toEqual(["spelling"]);
    const admin = await settings("omsk", { addWords: ["Кривошеевской"], greetByName: true });
    expect(admin.statusCode, admin.body).toBe(200);
    expect(admin.json()).toMatchObject({ words: ["Кривошеевской"], greetByName: true, regulationBlock: [] });
    expect(await codesOf(text)).toEqual([]);
    expect(await codesOf(text, { authorName: "Пётр" })).toEqual(["no_greeting"]);
    expect((await settings("omsk", { enabled: ["too_long"] })).json().enabled).toEqual(["too_long"]);
    expect(await codesOf(otpiska)).toEqual([]);
    expectProblem(await settings("omsk", { enabled: null }, "omsk.curator"), 403);
    const read = await stack.app.inject({
      method: "GET",
      url: "/v1/orgs/omsk/draft-checks",
      headers: await bearer("omsk.curator"),
    });
    expect(read.json().enabled).toEqual(["too_long"]);
    await settings("omsk", { enabled: null, greetByName: false, removeWords: ["кривошеевской"] });
    expect(await codesOf(text)).toEqual(["spelling"]);
  });
});

describe("draft and contribute run the checks; the workflow stores the findings", () => {
  test("Omsk warns: the draft goes to review with its findings, in the view and the read model", async () => {
    const id = await start("omsk");
    await omsk.ok(id, "triage", "curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["omsk.executor1"],
    });
    await omsk.ok(id, "accept", "executor1");
    const v: CaseView = await omsk.ok(id, "draft", "executor1", { kind: "final", text: otpiska });
    expect(v.status).toBe("review");
    const d = v.drafts[0]!;
    expect(new Set(d.checks!.map((f) => f.code))).toEqual(
      new Set(["no_greeting", "too_many_citations", "bureaucratese", "redirect"]),
    );
    expect(d.suggestedReasons).toEqual(["no_greeting", "format", "redirect"]);
    const rows = await eventually(async () => {
      const r = await stack.db.db
        .select()
        .from(drafts)
        .where(and(eq(drafts.caseId, id), eq(drafts.version, 1)));
      return r[0]?.checks ? r : undefined;
    });
    expect(rows[0]!.checks).toEqual(d.checks);
    // The audit trail keeps the codes, not the messages.
    const drafted = await eventually(async () => {
      const res = await stack.app.inject({
        method: "GET",
        url: `/v1/cases/${id}/timeline`,
        headers: await bearer("omsk.curator"),
      });
      const events = res.json().events as Array<{ type: string; data: { checks?: string[] } }>;
      return events.find((e) => e.type === "draft");
    });
    expect(drafted.data.checks).toEqual(d.checks!.map((f) => f.code));
    const back = await omsk.ok(id, "rework", "curator", { reasons: d.suggestedReasons!, comment: "Отписка" });
    const good = await omsk.ok(id, "draft", "executor1", { kind: "final", text: goodAnswers[0]! });
    expect(back.status).toBe("rework");
    expect(good.drafts[1]!.checks).toEqual([]);
    expect(good.drafts[1]!.suggestedReasons).toEqual([]);
  });

  test("a blocking check refuses the draft with 422 and its findings; the contribution keeps its own", async () => {
    const id = await start("plastunovskaya");
    await plast.ok(id, "triage", "regional-curator", { topic: "ЖКХ", importance: "normal" });
    await plast.ok(id, "route", "municipal-curator", {
      executors: ["plastunovskaya.executor1", "plastunovskaya.executor2"],
      composer: "plastunovskaya.executor2",
    });
    await plast.ok(id, "accept", "executor2");
    const part = await plast.ok(id, "contribute", "executor1", { text: faulty.too_many_citations });
    expect(part.contributions[0]!.checks!.map((f) => f.code)).toEqual(["too_many_citations"]);
    const cited = { kind: "final", text: faulty.too_many_citations };
    expectProblem(await plast.act(id, "draft", "executor1", cited), 403); // not the composer: 403 first
    const refused = await plast.act(id, "draft", "executor2", cited);
    const problem = expectProblem(refused, 422);
    expect(problem.type).toBe("https://casework.dev/problems/draft-checks");
    expect(problem.findings!.map((f) => f.code)).toEqual(["too_many_citations"]);
    expect(problem.detail).toBe("The draft fails the org's blocking checks: too_many_citations");
    expect((await plast.read(id)).drafts).toEqual([]);
    const v = await plast.ok(id, "draft", "executor2", { kind: "final", text: goodAnswers[1]! });
    expect(v.drafts[0]!.checks).toEqual([]);
  });
});
