// Strings PostgreSQL and Temporal cannot keep: PostgreSQL's text refuses NUL (U+0000), and a lone surrogate
// is not Unicode (it cannot be encoded as UTF-8 for either). The API refuses them with 422 naming the field
// (api/plugins/contract.ts) and a feed's mapping rejects the item (activities/feeds/mapping.ts).

/** A high surrogate without its low one, or a low one without its high one (UTF-16 code units). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where a value first holds such a string, as `<where>.<path>` and the reason; undefined when clean. */
export function badString(
  value: unknown,
  where: string,
  depth = 0,
): { path: string; message: string } | undefined {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return { path: where, message: "contains a NUL character (U+0000)" };
    if (loneSurrogate.test(value))
      return { path: where, message: "contains a lone surrogate (not valid Unicode)" };
    return undefined;
  }
  if (!value || typeof value !== "object" || depth > 64 || ArrayBuffer.isView(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const key = badString(k, where, depth + 1);
    if (key) return { path: `${where}.${printable(k)}`, message: `key ${key.message}` };
    const bad = badString(v, `${where}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

/** The string with NUL and lone surrogates replaced by U+FFFD, for naming a bad key in a reason. */
export function printable(s: string): string {
  return s.replace(new RegExp(loneSurrogate.source, "g"), "\uFFFD").replaceAll("\u0000", "\uFFFD");
}
