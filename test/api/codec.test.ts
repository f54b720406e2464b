// Author personal data travels through Temporal sealed (worker/codec.ts); admins read it back through the
// codec endpoint (docs/architecture.md "Temporal design"; Yuzhno-Sakhalinsk 1.4).
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildApp } from "../../api/app";
import { codecTrustsUi } from "../../config";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
let caseId: string;
beforeAll(async () => {
  stack = await startTestStack();
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey("omsk"),
    payload: message("omsk", uniqueId("codec")),
  });
  expect(res.statusCode, res.body).toBe(201);
  caseId = res.json().caseId;
});
afterAll(async () => {
  await stack?.stop();
});

/** The workflow's input as Temporal stores it. */
async function storedInput() {
  const history = await stack.client.workflow.getHandle(caseId).fetchHistory();
  return history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
}

test("Temporal stores the case input as ciphertext: no author name, no message text", async () => {
  const p = await storedInput();
  expect(Buffer.from(p.metadata!.encoding!).toString()).toBe("binary/encrypted");
  const raw = Buffer.from(p.data!).toString("utf8");
  expect(raw).not.toContain("Иван Петров");
  expect(raw).not.toContain("ул. Ленина");
});

test("an admin decodes it through /codec/decode; other roles and anonymous callers cannot", async () => {
  const p = await storedInput();
  const wire = {
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
        ),
        data: Buffer.from(p.data!).toString("base64"),
      },
    ],
  };
  const decoded = await stack.app.inject({
    method: "POST",
    url: "/codec/decode",
    headers: await bearer("omsk.admin", { roles: ["admin"] }),
    payload: wire,
  });
  expect(decoded.statusCode, decoded.body).toBe(200);
  const [plain] = decoded.json().payloads;
  expect(Buffer.from(plain.metadata.encoding, "base64").toString()).toBe("json/plain");
  const input = JSON.parse(Buffer.from(plain.data, "base64").toString("utf8"));
  expect(input.message.author.name).toBe("Иван Петров");

  const curator = await stack.app.inject({
    method: "POST",
    url: "/codec/decode",
    headers: await bearer("omsk.curator"),
    payload: wire,
  });
  expect(curator.statusCode).toBe(403);
  const anonymous = await stack.app.inject({ method: "POST", url: "/codec/decode", payload: wire });
  expect(anonymous.statusCode).toBe(401);
});

test("Temporal UI's preflight is answered for its origin only", async () => {
  const res = await stack.app.inject({
    method: "OPTIONS",
    url: "/codec/decode",
    headers: { origin: "http://localhost:8233" },
  });
  expect(res.statusCode).toBe(204);
  expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:8233");
  expect(res.headers["access-control-allow-headers"]).toContain("authorization");
});

/** Sealed payloads of `caseId`'s history as the codec endpoint receives them. */
async function wireOf(id: string) {
  const history = await stack.client.workflow.getHandle(id).fetchHistory();
  const p = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return {
    metadata: Object.fromEntries(
      Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
    ),
    data: Buffer.from(p.data!).toString("base64"),
  };
}
const decode = async (who: string, payloads: unknown[]) =>
  stack.app.inject({
    method: "POST",
    url: "/codec/decode",
    headers: await bearer(who, { roles: ["admin"] }),
    payload: { payloads },
  });
const plainOf = (p: { metadata: Record<string, string>; data: string }) =>
  Buffer.from(p.metadata.encoding!, "base64").toString();

test("each admin decodes only his org's payloads: another org's stay sealed in the same answer", async () => {
  const other = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey("zarechny"),
    payload: message("zarechny", uniqueId("codec-z"), { author: { name: "Мария Зареченская" } }),
  });
  expect(other.statusCode, other.body).toBe(201);
  const omskPayload = await wireOf(caseId);
  const zarechnyPayload = await wireOf(other.json().caseId);
  expect(Buffer.from(omskPayload.metadata["casework-workflow-id"]!, "base64").toString()).toBe(caseId);

  const omsk = await decode("omsk.admin", [omskPayload, zarechnyPayload]);
  expect(omsk.statusCode, omsk.body).toBe(200);
  const [mine, theirs] = omsk.json().payloads;
  expect(plainOf(mine)).toBe("json/plain");
  expect(plainOf(theirs)).toBe("binary/encrypted");
  expect(theirs).toEqual(zarechnyPayload);
  expect(omsk.body).not.toContain(Buffer.from("Мария").toString("base64").slice(0, 8));

  const zarechny = await decode("zarechny.admin", [omskPayload, zarechnyPayload]);
  const [notHis, his] = zarechny.json().payloads;
  expect(plainOf(notHis)).toBe("binary/encrypted");
  expect(JSON.parse(Buffer.from(his.data, "base64").toString()).message.author.name).toBe(
    "Мария Зареченская",
  );
});

test("relabelling another org's payload with an own case id does not unseal it (the id is authenticated)", async () => {
  const other = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey("zarechny"),
    payload: message("zarechny", uniqueId("codec-r")),
  });
  const stolen = await wireOf(other.json().caseId);
  stolen.metadata["casework-workflow-id"] = Buffer.from(caseId).toString("base64");
  const res = await decode("omsk.admin", [stolen]);
  const body = expectProblem(res, 422);
  expect(body.errors?.[0]?.path).toBe("body.payloads.0");
});

/** The case input as the wire of /codec/decode carries it. */
async function wireInput() {
  const p = await storedInput();
  return {
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
        ),
        data: Buffer.from(p.data!).toString("base64"),
      },
    ],
  };
}
const ui = { origin: "http://localhost:8233" };

test("under make dev (CODEC_TRUSTS_UI=1) Temporal UI's own calls decode without a token", async () => {
  const dev = await buildApp({ ...stack.deps, settings: { codecTrustsUi: true } });
  try {
    const payload = await wireInput();
    const res = await dev.inject({ method: "POST", url: "/codec/decode", headers: ui, payload });
    expect(res.statusCode, res.body).toBe(200);
    const plain = JSON.parse(Buffer.from(res.json().payloads[0].data, "base64").toString("utf8"));
    expect(plain.message.text).toContain("ул. Ленина");
    // Another origin, or none (curl), still needs an admin's token.
    for (const headers of [{ origin: "http://evil.example" }, {}]) {
      const other = await dev.inject({ method: "POST", url: "/codec/decode", headers, payload });
      expect(other.statusCode).toBe(401);
    }
    // Credentials sent from the UI are checked as usual: a curator's token is a curator.
    const curator = await dev.inject({
      method: "POST",
      url: "/codec/decode",
      headers: { ...ui, ...(await bearer("omsk.curator")) },
      payload,
    });
    expect(curator.statusCode).toBe(403);
  } finally {
    await dev.close();
  }
});

test("never in production: NODE_ENV=production ignores the setting and CODEC_TRUSTS_UI", async () => {
  expect(codecTrustsUi({ NODE_ENV: "production", CODEC_TRUSTS_UI: "1" })).toBe(false);
  expect(codecTrustsUi({ NODE_ENV: "development", CODEC_TRUSTS_UI: "1" })).toBe(true);
  expect(codecTrustsUi({ CODEC_TRUSTS_UI: "1" })).toBe(true);
  expect(codecTrustsUi({})).toBe(false);
  // Even an app built with the setting on refuses the UI's uncredentialed call in a production process.
  const dev = await buildApp({ ...stack.deps, settings: { codecTrustsUi: true } });
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    const res = await dev.inject({
      method: "POST",
      url: "/codec/decode",
      headers: ui,
      payload: await wireInput(),
    });
    expect(res.statusCode).toBe(401);
  } finally {
    process.env.NODE_ENV = before;
    await dev.close();
  }
});

test("without CODEC_TRUSTS_UI (the default) the UI's origin alone decodes nothing", async () => {
  const res = await stack.app.inject({
    method: "POST",
    url: "/codec/decode",
    headers: ui,
    payload: await wireInput(),
  });
  expect(res.statusCode).toBe(401);
});

/** Polls until `get` returns a value (the worker runs the case's first task on its own time). */
async function eventually<T>(get: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    const v = await get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not seen within 15 s: ${what}`);
}

/** A case detected now, so that its deadlines are ahead and the clock loop has a timer running. */
let liveCase: string | undefined;
async function live(): Promise<string> {
  if (liveCase) return liveCase;
  const now = new Date().toISOString();
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey("omsk"),
    payload: message("omsk", uniqueId("codec-live"), { publishedAt: now, detectedAt: now }),
  });
  expect(res.statusCode, res.body).toBe(201);
  liveCase = res.json().caseId as string;
  return liveCase;
}

test("the clock loop's timer is named in plain text, without personal data (workflows/console.ts)", async () => {
  const summary = await eventually(async () => {
    const history = await stack.client.workflow.getHandle(await live()).fetchHistory();
    return history.events!.find((e) => e.timerStartedEventAttributes)?.userMetadata?.summary ?? undefined;
  }, "a TimerStarted event");
  // Stored as Temporal UI reads it: json/plain, no decoder needed.
  expect(Buffer.from(summary.metadata!.encoding!).toString()).toBe("json/plain");
  const text = JSON.parse(Buffer.from(summary.data!).toString("utf8"));
  expect(text).toMatch(
    /^route (warning \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Omsk \(due .+\)|due \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Omsk) · omsk §4\.4$/,
  );
  expect(text).not.toContain("Иван");
});

test("the case page's current details say the status, who acts and what is due next", async () => {
  const details = await eventually(async () => {
    const meta = await stack.client.workflow
      .getHandle(await live())
      .query<{ currentDetails?: string }>("__temporal_workflow_metadata");
    return meta.currentDetails?.includes("**Next:**") ? meta.currentDetails : undefined;
  }, "current details");
  expect(details).toContain("**Status:** triage");
  expect(details).toContain("**Who acts:** curator");
  expect(details).toMatch(/\*\*Next:\*\* route (warning|due) /);
  expect(details).toMatch(/\*\*Answer due:\*\* \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Omsk/);
});
