// A feed's mapping: how one item of a monitoring feed becomes a message (workflows/message.ts). Pure (no
// I/O), shared by the webhook (api) and the feed poller's activity. Each message field is read from the item
// by a path, a template, or set to a constant; a value map translates the feed's vocabulary (network names,
// channel kinds), a default fills a missing value. A field the mapping does not name is read from the
// item under its own name ("text", "author.name"), so a feed that already speaks our message format needs
// an empty mapping. `org` and `source` always come from the feed, never from the item.
import { z } from "zod";
import { type Message, messageSchema } from "../../workflows/message";
import { badString } from "../../workflows/strings";

/** The message fields a mapping may fill (dotted: nested objects of the message). */
export const mappedFields = [
  "externalId",
  "network",
  "channel",
  "url",
  "text",
  "publishedAt",
  "detectedAt",
  "author.name",
  "author.profileUrl",
  "author.networkUserId",
  "attachments",
  "hints.topic",
  "hints.location",
  "hints.importance",
  "repeatOf",
  // Plastunovskaya 2.3: a feed of the administration's own findings sets {"const": "administration"}.
  "foundBy",
] as const;
export type MappedField = (typeof mappedFields)[number];

const path = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, "dot-separated keys; `[]` after a key collects over an array")
  .describe("a path into the item: `post.text`, `media.0.url` (an index), `media[].url` (every element)");

const spec = z
  .object({
    path: z
      .union([path, z.array(path).min(1).max(10)])
      .optional()
      .describe("the first path with a value wins"),
    template: z
      .string()
      .max(500)
      .optional()
      .describe("a string with `{path}` placeholders, e.g. `https://vk.com/wall{owner_id}_{id}`"),
    const: z.unknown().optional().describe("this value, whatever the item says"),
    map: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('the item\'s value (as a string) -> our value, e.g. {"vkontakte": "vk"}'),
    mapOther: z.unknown().optional().describe("the value for anything `map` does not list (else kept)"),
    format: z
      .enum(["string", "unix-seconds", "unix-millis"])
      .optional()
      .describe("`string`: numbers to text; `unix-*`: an epoch number to an ISO 8601 instant"),
    default: z.unknown().optional().describe("when the item has no value there"),
  })
  .strict()
  .refine((s) => [s.path, s.template, s.const].filter((v) => v !== undefined).length <= 1, {
    message: "at most one of path, template, const",
  });

export const feedMappingSchema = z
  .object({
    fields: z
      .partialRecord(z.enum(mappedFields), z.union([path, spec]))
      .default({})
      .describe(
        "message field -> a path (shorthand) or a spec; unnamed fields are read under their own name",
      ),
  })
  .strict()
  .meta({ id: "FeedMapping" });
export type FeedMapping = z.infer<typeof feedMappingSchema>;
type Spec = z.infer<typeof spec>;

const missing = (v: unknown) => v === undefined || v === null || v === "";

/** The value at a dotted path; `key[]` maps the rest of the path over an array (flattened, missing dropped). */
export function readPath(item: unknown, dotted: string): unknown {
  const walk = (value: unknown, keys: string[]): unknown => {
    if (keys.length === 0) return value;
    const [key, ...rest] = keys as [string, ...string[]];
    if (key.endsWith("[]")) {
      const list = key === "[]" ? value : (value as Record<string, unknown> | null)?.[key.slice(0, -2)];
      if (!Array.isArray(list)) return undefined;
      return list.flatMap((el) => {
        const v = walk(el, rest);
        return missing(v) ? [] : [v];
      });
    }
    if (value === null || typeof value !== "object") return undefined;
    return walk((value as Record<string, unknown>)[key], rest);
  };
  return walk(item, dotted.split("."));
}

function format(value: unknown, how: Spec["format"]): unknown {
  if (how === undefined || missing(value)) return value;
  if (how === "string") return typeof value === "number" ? String(value) : value;
  const n = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return value; // the message schema says what is wrong
  return new Date(how === "unix-seconds" ? n * 1000 : n).toISOString();
}

function specValue(item: unknown, s: Spec): unknown {
  let v: unknown;
  if (s.const !== undefined) v = s.const;
  else if (s.template !== undefined) {
    let gap = false;
    v = s.template.replace(/\{([^{}]+)\}/g, (_, p: string) => {
      const part = readPath(item, p.trim());
      if (missing(part) || typeof part === "object") gap = true;
      return missing(part) ? "" : String(part);
    });
    if (gap) v = undefined; // a URL with a hole is no URL: fall to the default, or reject
  } else {
    const paths = s.path === undefined ? [] : Array.isArray(s.path) ? s.path : [s.path];
    v = paths.map((p) => readPath(item, p)).find((x) => !missing(x));
  }
  if (s.map && !missing(v)) {
    const key = String(v);
    v = Object.hasOwn(s.map, key) ? s.map[key] : s.mapOther !== undefined ? s.mapOther : v;
  }
  v = format(v, s.format);
  return missing(v) ? s.default : v;
}

export type Mapped =
  | { ok: true; externalId: string; message: Message }
  | { ok: false; externalId: string | null; reason: string };

/**
 * One feed item -> a validated message, or the reason it is not one. `externalId` is given back whenever
 * it could be read, also for a rejected item (so that its feed_items row names it). `receivedAt` fills a
 * missing detection time: the feed delivered the item now, so it was found by now at the latest.
 */
export function mapItem(
  mapping: FeedMapping,
  feed: { orgId: string; source: string },
  item: unknown,
  receivedAt: string,
): Mapped {
  if (item === null || typeof item !== "object" || Array.isArray(item))
    return { ok: false, externalId: null, reason: "an item must be a JSON object" };
  const out: Record<string, unknown> = {};
  for (const field of mappedFields) {
    const given = mapping.fields[field];
    const s: Spec =
      given === undefined ? { path: field } : typeof given === "string" ? { path: given } : given;
    let v = specValue(item, s);
    if (field === "detectedAt" && missing(v)) v = receivedAt;
    if (field === "externalId" && typeof v === "number") v = String(v);
    if (missing(v)) continue;
    const [head, sub] = field.split(".") as [string, string | undefined];
    if (sub === undefined) out[head] = v;
    else out[head] = { ...(out[head] as object | undefined), [sub]: v };
  }
  const readId = typeof out.externalId === "string" && out.externalId ? out.externalId : null;
  // NUL and lone surrogates never reach PostgreSQL or Temporal (workflows/strings.ts), not even in the id.
  const externalId = readId !== null && badString(readId, "") ? null : readId;
  const bad = badString(out, "item");
  if (bad) return { ok: false, externalId, reason: `${bad.path.replace(/^item\./, "")}: ${bad.message}` };
  const parsed = messageSchema.safeParse({ ...out, org: feed.orgId, source: feed.source });
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => `${i.path.join(".") || "item"}: ${i.message}`)
      .join("; ")
      .slice(0, 1000);
    return { ok: false, externalId, reason };
  }
  return { ok: true, externalId: parsed.data.externalId, message: parsed.data };
}

/** A body or page -> its items: `{items: [...]}`, a bare array, or one item. */
export function itemsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object" && Array.isArray((body as { items?: unknown }).items))
    return (body as { items: unknown[] }).items;
  return [body];
}
