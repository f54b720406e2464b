// Author personal data travels through Temporal encrypted (docs/architecture.md; Yuzhno-Sakhalinsk 1.4:
// personal data under personal-data law): every payload the worker and the API exchange with Temporal is
// sealed with AES-256-GCM before it leaves the process. Temporal (its database, Temporal UI, the CLI) sees
// ciphertext; admins read cases through the codec endpoint of the API (api/routes/codec.ts).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from "@temporalio/common";
import proto from "@temporalio/proto";
import { config } from "../config";
import { PLAIN_METADATA_KEY } from "../workflows/console";

const { temporal } = proto; // a CommonJS module: no named ESM exports under plain Node

const ENCODING = "binary/encrypted";
/** The workflow a payload belongs to, bound into the ciphertext (GCM additional data): the codec endpoint
 * decodes a payload only for an admin of that workflow's org (api/services/codec-owner.ts). */
export const WORKFLOW_META = "casework-workflow-id";
const ProtoPayload = temporal.api.common.v1.Payload;
// A payload the workflow itself wrote without personal data (the timers' summaries: workflows/console.ts)
// carries PLAIN_METADATA_KEY and is left as it is, so Temporal UI shows it without a decoder; every other
// payload (inputs, results, updates, queries) is sealed. Only workflow code sets the key: the payload
// converter never does, so no value that came from outside can carry it.

export interface PayloadKey {
  id: string;
  secret: string;
}

/**
 * AES-256-GCM with a key ring: payloads are sealed with `current`; `previous` keys still open what they
 * sealed (PAYLOAD_KEYS), so a rotation leaves running cases readable. Each payload sealed in the context of
 * a workflow (or of its activity) carries that workflow's id, authenticated with the ciphertext.
 */
export class AesGcmCodec implements PayloadCodec {
  private readonly keys = new Map<string, Buffer>();
  readonly keyId: string;
  constructor(current: PayloadKey, previous: PayloadKey[] = []) {
    this.keyId = current.id;
    // 32 bytes from any secret string: the configured key is hashed, so its length never matters.
    for (const k of [...previous, current])
      this.keys.set(k.id, createHash("sha256").update(k.secret).digest());
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const workflowId = context?.workflowId;
    const key = this.keys.get(this.keyId)!;
    return payloads.map((p) => {
      if (p.metadata?.[PLAIN_METADATA_KEY] && isJsonString(p)) return p;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      if (workflowId) cipher.setAAD(Buffer.from(workflowId));
      const sealed = Buffer.concat([cipher.update(ProtoPayload.encode(p).finish()), cipher.final()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCODING),
          "encryption-key-id": Buffer.from(this.keyId),
          ...(workflowId ? { [WORKFLOW_META]: Buffer.from(workflowId) } : {}),
        },
        data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!isSealed(p)) return p;
      const keyId = Buffer.from(p.metadata?.["encryption-key-id"] ?? []).toString();
      const key = this.keys.get(keyId);
      if (!key)
        throw new Error(
          `payload sealed with key '${keyId}', this process has '${[...this.keys.keys()].join("', '")}' (PAYLOAD_KEYS)`,
        );
      const data = Buffer.from(p.data ?? []);
      const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
      const workflowId = workflowOf(p);
      if (workflowId) decipher.setAAD(Buffer.from(workflowId));
      decipher.setAuthTag(data.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
      return ProtoPayload.decode(plain) as Payload;
    });
  }
}

export const isSealed = (p: Payload) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCODING;

/** The workflow a sealed payload is bound to (none: sealed outside a workflow's context, or before the binding). */
export const workflowOf = (p: Payload): string | undefined => {
  const v = p.metadata?.[WORKFLOW_META];
  return v ? Buffer.from(v).toString() : undefined;
};

export const payloadCodec = new AesGcmCodec(config.payloadKey, config.payloadKey.previous);
/**
 * For every Client and Worker of the product (and the tests that stand in for them): payloads sealed, and
 * failure messages with them (worker/failure-converter.ts).
 */
export const dataConverter: DataConverter = {
  payloadCodecs: [payloadCodec],
  failureConverterPath: createRequire(import.meta.url).resolve("./failure-converter.ts"),
};

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
