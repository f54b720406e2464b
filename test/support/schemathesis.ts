// Schemathesis closes with pytest's rule lines ("===== 2 warnings in 30.04s ====="). CI reads such a line as
// pytest's own verdict — a run of no test — so its output stays in the report folder and what reaches the
// log is one line: the case counts and the warnings' headlines.
export function withoutRules(out: string): string {
  return out.replace(/^=+ (.*?) =+$/gm, "-- $1 --");
}

export function summaryOf(out: string): string {
  const counts = /Test cases:\s*\n\s*(.+)/.exec(out)?.[1]?.trim() ?? "no case counts printed";
  const warnings = [...out.matchAll(/^\s*⚠️\s*(.+)$/gm)].map((m) => m[1]?.trim());
  return [counts, ...warnings].join("; ");
}
