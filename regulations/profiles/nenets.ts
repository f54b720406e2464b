// Nenets autonomous okrug: "Порядок организации работы в исполнительных органах государственной власти НАО по
// рассмотрению сообщений граждан, размещенных в открытых источниках". The curator (state legal bureau) routes,
// approves and publishes.
import { citeIn } from "../cite";
import type { ProfileInput } from "../schema";

const seed = "004_7df024af3c275bd4.txt";
const s = citeIn(seed);
const route = { budget: "30m", source: s("14") };
const contribution = { budget: "2h", source: s("22.3") };

export const nenets = {
  id: "nenets",
  title: "Ненецкий автономный округ: сообщения граждан в открытых источниках",
  seed,
  zone: "Europe/Moscow",
  calendar: "ru",
  steps: {
    route: { from: "detection", normal: route, also: [{ from: "returned", normal: route }] },
    // «в течение 30 минут … возвращает»: a limit on returning, not a duty to accept (docs/regulations.md).
    return: { from: "assignment", normal: { budget: "30m", source: s("15") }, limit: s("15") },
    // 17 points at "пунктом 17" for the answer term; the term is set by 16.
    draft: { from: "detection", normal: { budget: "answer-4h", source: s("17") } },
    review: { from: "draft_submitted", normal: { budget: "30m", source: s("18") } },
    rework: { from: "rework_requested", normal: { budget: "1h", source: s("19") } },
    publish: { from: "approved", normal: { budget: "30m", source: s("20") } },
    answer: { from: "detection", normal: { budget: "8h", source: s("16 ¶1") } },
    coExecutorInput: { from: "contribution_requested", normal: contribution },
    // The last executor gets the message "для подготовки информации (общего ответа)" with the same 2 h.
    consolidate: { from: "contributions_done", normal: contribution },
    // 21: «срок, необходимый для направления окончательного проекта ответа»: met by the final draft.
    finalAfterInterim: {
      from: "interim_published",
      normal: { budget: "7wd", source: s("21") },
      metBy: { event: "final_draft", source: s("21") },
    },
  },
  routing: { tiers: ["curator"], source: s("12") },
  review: { tiers: ["curator"], source: s("18") },
  publisher: { by: "curator", source: s("20") },
  coExecution: { mode: "sequential-last-composes", source: s("22") },
  outcomes: [
    { outcome: "process", source: s("14") },
    { outcome: "reject", source: s("25") },
  ],
  rejectGrounds: [
    { ground: "threat", source: s("25") },
    { ground: "obscene", source: s("25") },
    { ground: "insult", source: s("25") },
  ],
  reviewReasons: [
    { reason: "not_to_the_point", source: s("24") },
    { reason: "format", source: s("24") },
    { reason: "other", source: s("18") },
  ],
  draftKinds: [
    { kind: "final", source: s("17") },
    { kind: "interim", source: s("17") },
    { kind: "clarification", source: s("17") },
  ],
  // Importance informs the curator's decision on a shorter deadline; there are no separate high budgets.
  highImportance: { rule: "same", source: s("14") },
  shorterAnswer: { importances: ["normal", "high"], source: s("14") },
  listedTopicAnswer: { budget: "4h", source: s("16 ¶2") },
  escalation: {
    roles: ["supervisor"],
    official: "заместители губернатора НАО по курируемым вопросам",
    source: s("27"),
  },
  reports: {
    significant: { official: "губернатор НАО", source: s("29") },
    monthly: {
      by: "curator",
      official: "заместитель губернатора НАО, курирующий внутреннюю политику",
      source: s("28"),
    },
  },
} satisfies ProfileInput;
