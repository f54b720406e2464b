// Zarechny (Penza region): "Положение об организации работы Администрации города Заречного … с сообщениями из
// открытых источников". The curator (MAU "public relations") routes and approves; the executor publishes.
import { citeIn } from "../cite";
import type { ProfileInput } from "../schema";

const seed = "001_72a8b4930195f3f4.txt";
const s = citeIn(seed);
const route = { budget: "60m", source: s("8") };
const contribution = { budget: "2h", source: s("16") };

export const zarechny = {
  id: "zarechny",
  title: "Заречный (Пензенская область): сообщения из открытых источников",
  seed,
  zone: "Europe/Moscow",
  calendar: "ru",
  steps: {
    // A re-route after a return is the curator's routing again (8).
    route: { from: "detection", normal: route, also: [{ from: "returned", normal: route }] },
    // «в течение 30 минут … возвращает»: a limit on returning, not a duty to accept (docs/regulations.md).
    return: { from: "assignment", normal: { budget: "30m", source: s("9") }, limit: s("9") },
    draft: { from: "detection", normal: { budget: "answer-3h", source: s("11") } },
    review: { from: "draft_submitted", normal: { budget: "60m", source: s("12") } },
    rework: { from: "rework_requested", normal: { budget: "1h", source: s("13") } },
    publish: { from: "approved", normal: { budget: "30m", source: s("14") } },
    answer: { from: "detection", normal: { budget: "8h", source: s("10") } },
    coExecutorInput: { from: "contribution_requested", normal: contribution },
    // The last executor gets the message "для подготовки информации (общего ответа)" with the same 2 h.
    consolidate: { from: "contributions_done", normal: contribution },
    // 15: «срок, необходимый для направления окончательного проекта ответа»: met by the final draft.
    finalAfterInterim: {
      from: "interim_published",
      normal: { budget: "7wd", source: s("15") },
      metBy: { event: "final_draft", source: s("15") },
    },
  },
  routing: { tiers: ["curator"], source: s("6") },
  review: { tiers: ["curator"], source: s("12") },
  publisher: { by: "executor", source: s("14") },
  coExecution: { mode: "sequential-last-composes", source: s("16") },
  outcomes: [
    { outcome: "process", source: s("8") },
    { outcome: "reject", source: s("19") },
  ],
  rejectGrounds: [
    { ground: "threat", source: s("19") },
    { ground: "obscene", source: s("19") },
    { ground: "insult", source: s("19") },
  ],
  reviewReasons: [
    { reason: "not_to_the_point", source: s("18") },
    { reason: "format", source: s("18") },
    { reason: "other", source: s("12") },
  ],
  draftKinds: [
    { kind: "final", source: s("11") },
    { kind: "interim", source: s("11") },
    { kind: "clarification", source: s("11") },
  ],
  // Importance informs the curator's decision on a shorter deadline; there are no separate high budgets.
  highImportance: { rule: "same", source: s("8") },
  shorterAnswer: { importances: ["normal", "high"], source: s("8") },
  escalation: {
    roles: ["supervisor"],
    official: "руководитель аппарата, первый заместитель и заместители Главы Администрации",
    source: s("21"),
  },
  reports: {
    significant: { official: "Глава города Заречного", source: s("23") },
    monthly: { by: "curator", official: "руководитель аппарата Администрации", source: s("22") },
  },
} satisfies ProfileInput;
