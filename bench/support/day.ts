// A synthetic day of a large centre (issue 17: Moscow oblast, ~4,100 messages a day): arrivals over an
// intraday profile with a morning and an evening peak, spread over the five regulations' demo orgs, each case
// walked as its staff would — most straight through, the rest with the returns, rework rounds, co-executors,
// interim answers and follow-ups of the walks recorded in test/durability/histories.test.ts. Deterministic
// (seeded), so two runs replay the same day.
import type { ActionName } from "../../workflows/actions";

export const orgIds = ["yuzhno-sakhalinsk", "zarechny", "omsk", "plastunovskaya", "nenets"] as const;
export type OrgId = (typeof orgIds)[number];

/** One staff action: the action, who (the part after `<org>.`), the payload with staff named the same way. */
export type Step = [action: ActionName, who: string, payload?: Record<string, unknown>];

const url = (n: number) => `https://vk.com/wall-2_${n}?reply=1`;
const final = { kind: "final", text: "Здравствуйте! Вывоз мусора восстановлен, график — по вторникам." };

/** The straight walk of each regulation: triage, accept, draft, approve, publish. */
export const straight: Record<OrgId, Step[]> = {
  "yuzhno-sakhalinsk": [
    ["triage", "curator", { topic: "ЖКХ", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", final],
    ["approve", "curator"],
    ["publish", "curator", { url: url(1) }],
  ],
  zarechny: [
    ["triage", "curator", { topic: "ЖКХ", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", final],
    ["approve", "curator"],
    ["publish", "executor1", { url: url(2) }], // Zarechny 14: the executor posts
  ],
  omsk: [
    ["triage", "curator", { topic: "ЖКХ", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", final],
    ["approve", "curator"],
    ["publish", "curator", { url: url(3) }],
  ],
  plastunovskaya: [
    ["triage", "regional-curator", { topic: "ЖКХ", importance: "normal" }],
    ["route", "municipal-curator", { executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", final],
    ["approve", "municipal-curator"],
    ["approve", "regional-curator"],
    ["publish", "municipal-curator", { url: url(4) }],
  ],
  nenets: [
    ["triage", "curator", { topic: "ЖКХ: аварии", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", final],
    ["approve", "curator"],
    ["publish", "curator", { url: url(5) }],
  ],
};

/**
 * The longer walks (test/durability/histories.test.ts, without its calendar signal): a rework round
 * (Yuzhno-Sakhalinsk, Nenets), co-executors and an interim answer (Zarechny), a return, a re-route, an
 * interim answer and the follow-up budget (Omsk), two-tier review with co-executors and rework passed on
 * (Plastunovskaya).
 */
export const longest: Record<OrgId, Step[]> = {
  "yuzhno-sakhalinsk": [
    ["triage", "curator", { topic: "ЖКХ", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Контейнерная площадка вывезена." }],
    ["rework", "curator", { reasons: ["not_to_the_point"], comment: "Укажите сроки" }],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Вывезено 12.05, график — по вторникам." }],
    ["approve", "curator"],
    ["publish", "curator", { url: url(6) }],
  ],
  zarechny: [
    [
      "triage",
      "curator",
      { topic: "Дороги", importance: "normal", executors: ["executor1", "executor2"], mode: "sequential" },
    ],
    ["accept", "executor1"],
    ["contribute", "executor1", { text: "Ямочный ремонт — в мае." }],
    ["draft", "executor2", { kind: "interim", text: "Здравствуйте! Вопрос изучается." }],
    ["approve", "curator"],
    ["publish", "executor2", { url: url(7) }],
    ["draft", "executor2", { kind: "final", text: "Здравствуйте! Ремонт выполнен." }],
    ["approve", "curator"],
    ["publish", "executor2", { url: url(8) }],
  ],
  omsk: [
    ["triage", "curator", { topic: "ЖКХ", importance: "high", executors: ["executor1"] }],
    ["return", "executor1", { reason: "Не наша компетенция" }],
    ["route", "curator", { executors: ["executor2"] }],
    ["accept", "executor2"],
    ["draft", "executor2", { kind: "interim", text: "Здравствуйте! Вопрос изучается." }],
    ["approve", "curator"],
    ["publish", "curator", { url: url(9) }],
    ["set-budgets", "curator", { finalAfterInterim: "2wd" }],
    ["draft", "executor2", { kind: "final", text: "Здравствуйте! Ответ." }],
    ["approve", "curator"],
    ["publish", "curator", { url: url(10) }],
  ],
  plastunovskaya: [
    ["triage", "regional-curator", { topic: "ЖКХ", importance: "normal" }],
    ["route", "municipal-curator", { executors: ["executor1", "executor2"], composer: "executor1" }],
    ["accept", "executor1"],
    ["contribute", "executor2", { text: "Часть отдела дорог." }],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Ответ." }],
    ["approve", "municipal-curator"],
    ["rework", "regional-curator", { reasons: ["format"], comment: "Меньше ссылок на НПА" }],
    ["rework", "municipal-curator", { reasons: ["format"], comment: "Передаю замечания" }],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Ответ проще." }],
    ["approve", "municipal-curator"],
    ["approve", "regional-curator"],
    ["publish", "municipal-curator", { url: url(11) }],
  ],
  nenets: [
    ["triage", "curator", { topic: "ЖКХ: аварии", importance: "normal", executors: ["executor1"] }],
    ["accept", "executor1"],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Авария устранена." }],
    ["rework", "curator", { reasons: ["not_to_the_point"], comment: "Укажите адрес" }],
    ["draft", "executor1", { kind: "final", text: "Здравствуйте! Авария на ул. Ленина устранена." }],
    ["approve", "curator"],
    ["publish", "curator", { url: url(12) }],
  ],
};

export interface DayCase {
  n: number;
  org: OrgId;
  /** Minutes after midnight the message arrives. */
  at: number;
  steps: Step[];
}

/** One event of the day: a case's message (`step` -1) or its `step`-th action, at a minute of the day. */
export interface DayEvent {
  c: DayCase;
  step: number;
  at: number;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Messages per hour, relative: quiet night, a morning peak (9–11) and an evening peak (19–21). */
const hourly = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 10, 8, 8, 8, 8, 9, 10, 11, 12, 12, 10, 6, 3];

/**
 * The day: `count` messages; a share `long` of the cases takes its regulation's longer walk, and of those
 * Zarechny and Omsk cases half stop after the interim answer (the follow-up keeps them open for days).
 */
export function syntheticDay(count: number, opts: { long?: number; seed?: number } = {}) {
  const random = rng(opts.seed ?? 17);
  const long = opts.long ?? 0.3;
  const total = hourly.reduce((a, b) => a + b, 0);
  const minuteOf = () => {
    let r = random() * total;
    let h = 0;
    while (r >= hourly[h]!) r -= hourly[h++]!;
    return h * 60 + random() * 60;
  };
  const cases: DayCase[] = [];
  for (let n = 0; n < count; n++) {
    const org = orgIds[Math.floor(random() * orgIds.length)]!;
    let steps = random() < long ? longest[org] : straight[org];
    if (steps === longest[org] && (org === "zarechny" || org === "omsk") && random() < 0.5)
      steps = steps.slice(0, steps.findIndex(([a]) => a === "publish") + 1);
    cases.push({ n, org, at: minuteOf(), steps });
  }
  cases.sort((a, b) => a.at - b.at);
  // Each action some 10–90 minutes after the one before: a case is open for hours, many at once.
  const events: DayEvent[] = cases.flatMap((c) => {
    const out: DayEvent[] = [{ c, step: -1, at: c.at }];
    let at = c.at;
    for (let step = 0; step < c.steps.length; step++) {
      at += 10 + random() * 80;
      out.push({ c, step, at });
    }
    return out;
  });
  events.sort((a, b) => a.at - b.at);
  return { cases, events, actions: events.length - cases.length };
}
