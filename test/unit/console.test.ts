// What Temporal UI shows of a case without a decoder (workflows/console.ts) and that the codec leaves only
// the workflow's plain summaries unsealed (worker/codec.ts).
import { defaultPayloadConverter, RawValue } from "@temporalio/common";
import { describe, expect, test } from "vitest";
import { AesGcmCodec } from "../../worker/codec";
import {
  currentDetails,
  PLAIN_METADATA_KEY,
  plainSummary,
  timerSummary,
  whoActsNow,
} from "../../workflows/console";
import type { CaseView, StepView } from "../../workflows/view";

const step: StepView = {
  from: "received",
  budget: "8h",
  clock: "working",
  startedAt: "2026-12-01T03:00:00Z",
  dueAt: "2026-12-01T09:00:00Z",
  warnAt: "2026-12-01T07:30:00Z",
  round: 0,
  source: "002_065ac137eac5f223.txt §6",
};

describe("timer summaries", () => {
  test("a deadline: step, local minute, zone, paragraph", () => {
    expect(timerSummary({ kind: "breach", step: "answer", at: step.dueAt! }, step, "Asia/Omsk", "omsk")).toBe(
      "answer due 2026-12-01 15:00 Asia/Omsk · omsk §6",
    );
  });
  test("a warning names its deadline too", () => {
    expect(timerSummary({ kind: "warn", step: "answer", at: step.warnAt! }, step, "Asia/Omsk", "omsk")).toBe(
      "answer warning 2026-12-01 13:30 Asia/Omsk (due 2026-12-01 15:00) · omsk §6",
    );
  });
  test("the payload is JSON text marked plain, passed through by the payload converter", () => {
    const raw = plainSummary("answer due 2026-12-01 15:00 Asia/Omsk") as unknown as RawValue;
    expect(raw).toBeInstanceOf(RawValue);
    const p = defaultPayloadConverter.toPayload(raw);
    expect(Buffer.from(p.metadata!.encoding!).toString()).toBe("json/plain");
    expect(Buffer.from(p.metadata![PLAIN_METADATA_KEY]!).toString()).toBe("1");
    expect(JSON.parse(Buffer.from(p.data!).toString())).toBe("answer due 2026-12-01 15:00 Asia/Omsk");
  });
});

describe("the codec", () => {
  const codec = new AesGcmCodec({ id: "test", secret: "secret" });
  const sealed = (p: { metadata?: Record<string, Uint8Array | null> | null }) =>
    Buffer.from(p.metadata!.encoding!).toString() === "binary/encrypted";

  test("leaves a plain-marked summary as it is", async () => {
    const p = defaultPayloadConverter.toPayload(plainSummary("route due 2026-12-01 09:30 Asia/Omsk"));
    const [out] = await codec.encode([p]);
    expect(out).toEqual(p);
    expect((await codec.decode([out!]))[0]).toEqual(p);
  });
  test("seals everything else: unmarked text, and a marked payload that is not a single string", async () => {
    const text = defaultPayloadConverter.toPayload("Иван Петров, ул. Ленина");
    const mark = { [PLAIN_METADATA_KEY]: new TextEncoder().encode("1") };
    const object = defaultPayloadConverter.toPayload({ author: { name: "Иван Петров" } });
    const markedObject = { ...object, metadata: { ...object.metadata, ...mark } };
    const bytes = defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]));
    const markedBytes = { ...bytes, metadata: { ...bytes.metadata, ...mark } };
    const out = await codec.encode([text, markedObject, markedBytes]);
    expect(out.every(sealed)).toBe(true);
    const flat = (ps: typeof out) =>
      ps.map((p) => ({
        metadata: Object.fromEntries(
          Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString()]),
        ),
        data: Buffer.from(p.data ?? []).toString(),
      }));
    expect(flat(await codec.decode(out))).toEqual(flat([text, markedObject, markedBytes]));
  });
});

describe("current details", () => {
  const view = {
    status: "drafting",
    overdue: true,
    org: "omsk",
    regulation: "omsk",
    importance: "normal",
    assignees: [{ staffId: "omsk.executor1", role: "executor" }],
    steps: { answer: step },
    answerDueAt: step.dueAt,
  } as unknown as CaseView;

  test("status, who acts, next due, answer due", () => {
    const text = currentDetails(
      view,
      "curator",
      { kind: "breach", step: "answer", at: step.dueAt! },
      "Asia/Omsk",
    );
    expect(text.split("\n\n")).toEqual([
      "**Status:** drafting · overdue",
      "**Who acts:** omsk.executor1 (executor)",
      "**Next:** answer due 2026-12-01 15:00 Asia/Omsk · omsk §6",
      "**Answer due:** 2026-12-01 15:00 Asia/Omsk",
    ]);
  });
  test("who acts follows the status and the regulation's publisher", () => {
    expect(whoActsNow({ ...view, status: "triage" }, "curator")).toBe("curator");
    expect(whoActsNow({ ...view, status: "review", reviewTier: "municipal" }, "curator")).toBe(
      "municipal curator",
    );
    expect(whoActsNow({ ...view, status: "publishing" }, "municipal_curator")).toBe("municipal curator");
    expect(whoActsNow({ ...view, status: "publishing" }, "executor")).toBe("omsk.executor1 (executor)");
    expect(whoActsNow({ ...view, status: "closed" }, "curator")).toBe("nobody: the case is finished");
  });
});
