// The payload key ring (worker/codec.ts, PAYLOAD_KEYS): after a rotation the previous key still opens what it
// sealed, new payloads are sealed with the current key, and a key the ring does not have is refused.
import { expect, test } from "vitest";
import { parseKeyRing } from "../../config";
import { AesGcmCodec } from "../../worker/codec";

const payload = { metadata: { encoding: Buffer.from("json/plain") }, data: Buffer.from('{"a":1}') };
const ctx = { type: "workflow" as const, namespace: "default", workflowId: "case-omsk-x" };

test("a rotated ring opens payloads of the previous key and seals with the new one", async () => {
  const before = new AesGcmCodec({ id: "k1", secret: "first secret" });
  const [old] = await before.encode([payload], ctx);
  const after = new AesGcmCodec({ id: "k2", secret: "second secret" }, parseKeyRing("k1:first secret"));
  const [opened] = await after.decode([old!]);
  expect(Buffer.from(opened!.data!).toString()).toBe('{"a":1}');
  const [fresh] = await after.encode([payload], ctx);
  expect(Buffer.from(fresh!.metadata!["encryption-key-id"]!).toString()).toBe("k2");
  // without the previous key in the ring, the old payload cannot be read
  const forgot = new AesGcmCodec({ id: "k2", secret: "second secret" });
  await expect(forgot.decode([old!])).rejects.toThrow(/key 'k1'/);
});

test("the workflow id is authenticated with the ciphertext", async () => {
  const codec = new AesGcmCodec({ id: "k1", secret: "s" });
  const [sealed] = await codec.encode([payload], ctx);
  const relabelled = {
    ...sealed!,
    metadata: { ...sealed!.metadata, "casework-workflow-id": Buffer.from("case-zarechny-x") },
  };
  await expect(codec.decode([relabelled])).rejects.toThrow();
  const [plain] = await codec.decode([sealed!]);
  expect(Buffer.from(plain!.data!).toString()).toBe('{"a":1}');
});

test("PAYLOAD_KEYS: id:secret pairs, a secret may contain ':'; a malformed entry is refused", () => {
  expect(parseKeyRing("a:x, b:y:z")).toEqual([
    { id: "a", secret: "x" },
    { id: "b", secret: "y:z" },
  ]);
  expect(parseKeyRing("")).toEqual([]);
  expect(() => parseKeyRing("nosecret")).toThrow(/PAYLOAD_KEYS/);
});
