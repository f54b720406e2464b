// `too_many_citations`: more than two legal acts cited (Plastunovskaya 20 «избыточного цитирования
// нормативных правовых актов (не более двух)»). Counted as acts, not words: «пункт 3 статьи 16 Федерального
// закона от 06.10.2003 № 131-ФЗ» is one reference, and the same act cited twice is one act.
import { B, E, type Hit, quote, yo } from "./text";
import type { Finding } from "./types";

const LIMIT = 2;

/** A word naming a legal act (its kind). */
const ACT = [
  "федеральн(?:ый|ого|ому|ым|ом)\\s+закон(?:а|у|ом|е)?",
  "федеральн(?:ый|ого|ому|ым|ом)\\s+конституционн(?:ый|ого|ому|ым|ом)\\s+закон(?:а|у|ом|е)?",
  "закон(?:а|у|ом|е)?\\s+(?:[\\p{L}-]+\\s+){0,2}(?:области|края|республики|округа|рф|российской\\s+федерации)",
  'закон(?:а|у|ом|е)?\\s+[«"]',
  "(?:[\\p{L}-]+(?:ым|ого|ый|ому|ом)\\s+)?кодекс(?:а|у|ом|е)?(?:\\s+(?:рф|российской\\s+федерации))?",
  "(?:жк|гк|тк|нк|коап|гпк|упк|зк)\\s+рф",
  "постановлени(?:е|я|ю|ем|и)",
  "распоряжени(?:е|я|ю|ем|и)",
  "приказ(?:а|у|ом|е)?",
  "указ(?:а|у|ом|е)?\\s+(?:президента|губернатора|главы)",
  "решени(?:е|я|ю|ем|и)\\s+(?:думы|совета|собрания)",
  "санпин",
  "гост(?:а|у|ом|е)?(?:\\s+р)?",
  "конституци(?:я|и|ей|ю)",
].join("|");
/** A number of an act: «№ 131-ФЗ», «N 273», «131-ФЗ». */
const NUMBER = "(?:№|n)\\s*\\d+(?:[-/]\\s*[\\p{L}\\d]+)*|\\d+-(?:фз|фкз|кз|оз|з|п|р|па)";
/** A part of an act: статья, пункт, часть, подпункт with a number. */
const PART =
  "(?:стать(?:я|и|е|ю|ей)|ст\\.|пункт(?:а|у|ом|е|ы|ов)?|пп?\\.|подпункт(?:а|у|ом|е)?|част(?:ь|и|ью)|ч\\.)\\s*\\d+(?:\\.\\d+)*";

const MENTION = new RegExp(`${B}(?:(${NUMBER})|(${ACT})|(${PART}))${E}`, "giu");
/** What may stand between two mentions of one reference: dates, «от», titles in quotes, commas. */
const JOIN =
  /^(?:\s|,|от|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\s+\p{L}+\s+\d{4}|г\.|года|«[^»]{0,200}»|"[^"]{0,200}"|\(.{0,40}?\))*$/iu;
/** Between an act's kind and its number: its issuer («администрации Пластуновского сельского поселения»). */
const ISSUER = /^[\s,]*(?:[\p{L}-]+[\s,]+){0,8}?(?:от\s+\d{1,2}[.\s]\S+\s*\d{4}\s*(?:г\.|года)?\s*)?$/iu;
const CONJUNCTION = /(?<!\p{L})(?:и|или|также|либо)(?!\p{L})|[.;!?]/iu;
const undated = (gap: string) => gap.replace(/\d{1,2}\.\d{1,2}\.\d{2,4}|(?<!\p{L})г\./gu, " ");
/** Codes cited by their abbreviation are the same act as by name. */
const CODES: Record<string, string> = { жк: "жилищ", гк: "гражд", тк: "трудо", нк: "налог", зк: "земел" };

export interface Reference extends Hit {
  /** What makes two references the same act: its number, else its words. */
  key: string;
}

interface Cluster extends Hit {
  kind: boolean;
  number: boolean;
}

/** The legal acts a text cites, each once, in order of first mention. */
export function references(text: string): Reference[] {
  const norm = yo(text);
  const clusters: Cluster[] = [];
  for (const m of norm.matchAll(MENTION)) {
    const h = { start: m.index, end: m.index + m[0].length, text: m[0] };
    const type = m[1] ? "number" : m[2] ? "kind" : "part";
    const last = clusters.at(-1);
    const gap = last ? norm.slice(last.end, h.start) : "";
    const joins =
      last &&
      (type === "part"
        ? JOIN.test(gap)
        : type === "kind"
          ? !last.kind && !last.number && JOIN.test(gap)
          : !last.number && (JOIN.test(gap) || (ISSUER.test(gap) && !CONJUNCTION.test(undated(gap)))));
    if (last && joins) {
      Object.assign(last, { end: h.end, text: norm.slice(last.start, h.end) });
      if (type === "kind") last.kind = true;
      if (type === "number") last.number = true;
    } else clusters.push({ ...h, kind: type === "kind", number: type === "number" });
  }
  const acts = new Map<string, Reference>();
  for (const c of clusters) {
    const lower = c.text.toLowerCase();
    const number = lower.match(new RegExp(NUMBER, "iu"))?.[0].replace(/[№n\s]/gu, "");
    const kind = (lower.match(new RegExp(ACT, "iu"))?.[0] ?? "")
      .replace(/\s+(?:рф|российской\s+федерации)$/u, "")
      .replace(/^(жк|гк|тк|нк|зк)$/u, (code) => `${CODES[code]} кодекс`)
      .split(/\s+/)
      .map((w) => w.slice(0, 5))
      .join(" ");
    const key = number ? `№${number}` : kind || lower.replace(/\s+/g, " ");
    if (!acts.has(key)) acts.set(key, { start: c.start, end: c.end, text: text.slice(c.start, c.end), key });
  }
  return [...acts.values()];
}

export function checkCitations(text: string): Finding[] {
  const acts = references(text);
  if (acts.length <= LIMIT) return [];
  const over = acts[LIMIT]!;
  return [
    {
      code: "too_many_citations",
      message: `${acts.length} legal acts cited, at most ${LIMIT} (Plastunovskaya 20): ${acts.map((a) => quote(a.text)).join(", ")}`,
      at: [over.start, over.end],
    },
  ];
}
