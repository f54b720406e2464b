// Secrets at rest (feed HMAC secrets, pull-feed tokens, network API tokens): sealed with AES-256-GCM under
// SECRETS_KEY before they reach PostgreSQL, so a database dump or a read-model replica never holds a usable
// token. Format: `v1:<keyId>:<base64 iv|tag|ciphertext>`; the key id lets a rotation tell old rows apart.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "../config";

const keyOf = (material: string) => createHash("sha256").update(`secrets:${material}`).digest();

export function seal(plain: string, key = config.secretsKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(key.secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${key.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function unseal(sealed: string, key = config.secretsKey): string {
  const [version, keyId, data] = sealed.split(":");
  if (version !== "v1" || data === undefined) throw new Error("not a sealed secret");
  if (keyId !== key.id) throw new Error(`secret sealed with key '${keyId}', this process has '${key.id}'`);
  const raw = Buffer.from(data, "base64");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(key.secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** Seal a JSON value (a network's credentials object). */
export const sealJson = (value: unknown) => seal(JSON.stringify(value));
export const unsealJson = <T>(sealed: string): T => JSON.parse(unseal(sealed)) as T;
