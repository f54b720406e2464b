// Strings PostgreSQL cannot store: `text` and `jsonb` refuse U+0000, and a lone UTF-16 surrogate has no UTF-8
// form. The API refuses both with 422 naming the field; what reaches an activity anyway (a case started before
// that check, a feed item mapped without it) is normalised here rather than failing the write forever: U+0000
// is dropped and a lone surrogate becomes U+FFFD (README "Bad input").
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this finds
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const storable = (s: string): string => s.replace(UNSTORABLE, (c) => (c === "\u0000" ? "" : "\ufffd"));

/** `v` with every string (keys included) made storable; other values as they are. */
export function storableDeep<T>(v: T): T {
  if (typeof v === "string") return storable(v) as T;
  if (Array.isArray(v)) return v.map(storableDeep) as T;
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k), storableDeep(x)])) as T;
  return v;
}
