// Author personal data travels through Temporal encrypted (ARCHITECTURE.md; Yuzhno-Sakhalinsk 1.4: personal
// data under personal-data law): every payload the worker and the API exchange with Temporal is sealed with
// AES-256-GCM before it leaves the process. Temporal (its database, Temporal UI, the CLI) sees ciphertext;
// admins read cases through the codec endpoint of the API (api/routes/codec.ts).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { DataConverter, Payload, PayloadCodec } from "@temporalio/common";
import proto from "@temporalio/proto";
import { config } from "../config";
import { PLAIN_METADATA_KEY } from "../workflows/console";

const { temporal } = proto; // a CommonJS module: no named ESM exports under plain Node

const ENCODING = "binary/encrypted";
const ProtoPayload = temporal.api.common.v1.Payload;
// A payload the workflow itself wrote without personal data (the timers' summaries: workflows/console.ts)
// carries PLAIN_METADATA_KEY and is left as it is, so Temporal UI shows it without a decoder; every other
// payload (inputs, results, updates, queries) is sealed. Only workflow code sets the key: the payload
// converter never does, so no value that came from outside can carry it.

export class AesGcmCodec implements PayloadCodec {
  private readonly key: Buffer;
  constructor(
    readonly keyId: string,
    keyMaterial: string,
  ) {
    // 32 bytes from any secret string: the configured key is hashed, so its length never matters.
    this.key = createHash("sha256").update(keyMaterial).digest();
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (p.metadata?.[PLAIN_METADATA_KEY] && isJsonString(p)) return p;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", this.key, iv);
      const sealed = Buffer.concat([cipher.update(ProtoPayload.encode(p).finish()), cipher.final()]);
      return {
        metadata: { encoding: Buffer.from(ENCODING), "encryption-key-id": Buffer.from(this.keyId) },
        data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.encoding ?? []).toString() !== ENCODING) return p;
      const keyId = Buffer.from(p.metadata?.["encryption-key-id"] ?? []).toString();
      if (keyId !== this.keyId)
        throw new Error(`payload sealed with key '${keyId}', this process has '${this.keyId}'`);
      const data = Buffer.from(p.data ?? []);
      const decipher = createDecipheriv("aes-256-gcm", this.key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
      return ProtoPayload.decode(plain) as Payload;
    });
  }
}

/** A plain payload may hold one JSON string and nothing else (a summary line, not an object of data). */
function isJsonString(p: Payload): boolean {
  if (Buffer.from(p.metadata?.encoding ?? []).toString() !== "json/plain") return false;
  try {
    return typeof JSON.parse(Buffer.from(p.data ?? []).toString("utf8")) === "string";
  } catch {
    return false;
  }
}

export { PLAIN_METADATA_KEY };
export const payloadCodec = new AesGcmCodec(config.payloadKey.id, config.payloadKey.secret);
/** For every Client and Worker of the product (and the tests that stand in for them). */
export const dataConverter: DataConverter = { payloadCodecs: [payloadCodec] };
