// `bureaucratese`: канцелярит, the stock phrases of an «отписка» (Plastunovskaya 20 «отсутствие
// канцеляризма»; 14.2 «несоответствие формату»), found when their density passes the org's threshold (default 4 per
// 100 words: two in a 50-word answer pass, three do not). A single stock phrase is tolerated; each hit is located in the text.
import { hits, quote, wordCount, words, yo } from "./text";
import type { Finding } from "./types";

/** The lexicon, as patterns over text with ё written е; each pattern one stock phrase and its forms. */
export const STOCK_PHRASES = [
  "(?:довод(?:им|ит|ят)|довести)\\s+до\\s+(?:вашего\\s+)?сведения",
  "настоящим\\s+(?:сообщаем|информируем|уведомляем)",
  "информируем\\s+(?:вас\\s+)?о\\s+том,?\\s+что",
  "сообщаем\\s+(?:вам\\s+)?следующее",
  "в\\s+рамках",
  "реализаци[июя]\\s+мероприятий",
  "осуществля(?:ется|ются|ет|ют)\\s+(?:проработк[аиу]|работ[аы])",
  "проработк[аиуе]\\s+(?:данного\\s+|вашего\\s+)?вопроса",
  "в\\s+настоящее\\s+время",
  "на\\s+сегодняшний\\s+день",
  "(?:данн|вышеуказанн|вышеизложенн|указанн)(?:ый|ого|ому|ым|ом|ая|ой|ую|ое|ые|ых|ыми)\\s+(?:вопрос|обращени|ситуаци|проблем|факт|случа)[\\p{L}]*",
  "(?:на\\s+основании|в\\s+связи\\s+с|с\\s+учетом)\\s+вышеизложенного",
  "вышеизложенн\\p{L}*",
  "в\\s+целях(?:\\s+(?:реализации|обеспечения|исполнения))?",
  "с\\s+целью",
  "в\\s+соответствии\\s+с",
  "в\\s+установленном\\s+(?:законом\\s+)?порядке",
  "в\\s+кратчайшие\\s+сроки",
  "в\\s+адрес",
  "по\\s+вопросу",
  "в\\s+части\\s+касающейся",
  "принят[ыо]\\s+(?:все\\s+)?(?:необходимые\\s+|исчерпывающие\\s+)?меры",
  "поставлен[оаы]?\\s+на\\s+контроль",
  "находится\\s+на\\s+контроле",
  "в\\s+пределах\\s+(?:своей\\s+)?компетенции",
  "осуществлени[еяюи]",
  "проведени[еяюи]\\s+(?:работ|мероприятий)",
  "ответственн(?:ым|ыми)\\s+лиц(?:ом|ами)",
  "при\\s+наличии\\s+(?:финансирования|возможности|средств)",
  "по\\s+мере\\s+(?:поступления\\s+)?финансирования",
  "не\\s+представляется\\s+возможным",
];
const LEXICON = words(STOCK_PHRASES.join("|"));
export const DEFAULT_PER_100_WORDS = 4;
const MIN_HITS = 2;

export function checkBureaucratese(text: string, per100Words: number): Finding[] {
  const found = hits(LEXICON, yo(text));
  const density = (found.length * 100) / Math.max(wordCount(text), 1);
  if (found.length < MIN_HITS || density <= per100Words) return [];
  return found.map((h) => ({
    code: "bureaucratese" as const,
    message: `Канцелярит ${quote(text.slice(h.start, h.end))}: ${found.length} stock phrases, ${density.toFixed(1)} per 100 words (above ${per100Words})`,
    at: [h.start, h.end] as [number, number],
  }));
}
