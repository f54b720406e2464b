// `redirect`: the answer sends the author to another authority without saying what was done
// (Plastunovskaya 14.3 «переадресация в другой орган исполнительной власти»). Forwarding the message
// ourselves and saying so («ваше обращение направлено в …») is an answer; «обратитесь в …» alone is not.
import { hits, quote, words, yo } from "./text";
import type { Finding } from "./types";

const REDIRECT = words(
  [
    "не\\s+(?:относится|относятся)\\s+к\\s+(?:компетенции|полномочиям|ведению|сфере\\s+деятельности)",
    "не\\s+входит\\s+в\\s+(?:компетенцию|полномочия|круг\\s+полномочий)",
    "вне\\s+(?:компетенции|полномочий)",
    "(?:рекомендуем|советуем|предлагаем|просим)\\s+(?:вам\\s+)?обратиться",
    "(?:вам\\s+)?(?:необходимо|следует|нужно|надлежит|стоит)\\s+обратиться",
    "(?:вы\\s+)?(?:можете|вправе)\\s+обратиться",
    "обратитесь",
    "обращайтесь",
    "(?:направьте|адресуйте)\\s+(?:ваше\\s+|свое\\s+)?(?:обращение|заявление|жалобу|вопрос)",
  ].join("|"),
);

/** Statements of what was done or will be done by us. */
const DONE = words(
  [
    "(?:мы\\s+)?(?:направили|передали|переслали|связались|выехали|провели|выполнили|устранили|отремонтировали|установили|организовали|обследовали|проверили|запросили|договорились)",
    "(?:обращение|сообщение|вопрос|информация|жалоба|запрос)\\s+(?:\\p{L}+\\s+)?(?:направлен[оаы]?|передан[оаы]?|переадресован[оаы]?)",
    "(?:направлен|передан|выполнен|проведен|устранен|отремонтирован|установлен|организован|запланирован|включен|согласован)[оаы]?",
    "будет|будут|начнется|начнутся|планируется|запланировано",
  ].join("|"),
);

export function checkRedirect(text: string): Finding[] {
  const norm = yo(text);
  const sent = hits(REDIRECT, norm);
  if (sent.length === 0 || norm.search(DONE) >= 0) return [];
  const first = sent[0]!;
  return [
    {
      code: "redirect",
      message: `The answer sends the author elsewhere (${quote(text.slice(first.start, first.end))}) without saying what was done (Plastunovskaya 14.3)`,
      at: [first.start, first.end],
    },
  ];
}
