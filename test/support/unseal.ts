// Replay runs no payload codec: unseal every payload of a history first (recorded JSON has base64 fields,
// fetched histories have bytes) with the product's codec, as the worker does in production.
import { payloadCodec } from "../../worker/codec";

export async function unsealed(history: unknown): Promise<unknown> {
  const bytes = (v: unknown) =>
    typeof v === "string" ? Buffer.from(v, "base64") : Buffer.from(v as Uint8Array);
  const walk = async (v: unknown): Promise<unknown> => {
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (!v || typeof v !== "object" || ArrayBuffer.isView(v)) return v;
    const o = v as Record<string, unknown>;
    const meta = o.metadata as Record<string, unknown> | undefined;
    if (meta?.encoding && bytes(meta.encoding).toString() === "binary/encrypted") {
      const json = typeof meta.encoding === "string";
      const [p] = await payloadCodec.decode([
        {
          metadata: Object.fromEntries(Object.entries(meta).map(([k, x]) => [k, bytes(x)])),
          data: bytes(o.data),
        },
      ]);
      if (!json) return p;
      return {
        metadata: Object.fromEntries(
          Object.entries(p!.metadata ?? {}).map(([k, x]) => [k, Buffer.from(x!).toString("base64")]),
        ),
        data: Buffer.from(p!.data ?? []).toString("base64"),
      };
    }
    return Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, x]) => [k, await walk(x)])));
  };
  return walk(history);
}
