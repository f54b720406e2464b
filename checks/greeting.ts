// `no_greeting`: the answer must open with a greeting to the author (Plastunovskaya 14.4 «отсутствие
// приветствия автора инцидента»), by name where the org wants it and the name is known.
import { B, E, yo } from "./text";
import type { Finding } from "./types";

const GREETING = new RegExp(
  `${B}(?:здравствуй(?:те)?|добр(?:ый|ого)\\s+(?:день|дня|вечер|вечера|утро)|доброе\\s+утро|доброго\\s+(?:времени\\s+суток|дня|утра|вечера)|уважаем(?:ый|ая|ые)|приветствуем|приветствую|привет)${E}`,
  "iu",
);

/** Where the opening ends: the first sentence, or the first line, at most 150 characters. */
function opening(text: string): string {
  const t = text.trimStart();
  const end = t.search(/[.!?\n]/);
  const first = end < 0 ? t : t.slice(0, end + 1);
  return first.slice(0, 150);
}

export function checkGreeting(text: string, authorName: string | undefined, byName: boolean): Finding[] {
  const head = yo(opening(text));
  if (!GREETING.test(head))
    return [
      {
        code: "no_greeting",
        message:
          "The answer does not open with a greeting (здравствуйте, добрый день, уважаемый …) — Plastunovskaya 14.4",
      },
    ];
  if (!byName || !authorName) return [];
  // The name of the address: any word of the author's name (a nickname may be one word), as written.
  const names = yo(authorName)
    .split(/[^\p{L}-]+/u)
    .filter((w) => w.length >= 2);
  const lower = head.toLowerCase();
  if (names.length === 0 || names.some((n) => lower.includes(n.toLowerCase()))) return [];
  return [
    {
      code: "no_greeting",
      message: `The greeting does not name the author (${authorName}); this org greets by name`,
    },
  ];
}
