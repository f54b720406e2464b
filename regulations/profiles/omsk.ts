// Omsk: resolution of 25.05.2020 No. 280-p, appendix 1 "Порядок организации работы с сообщениями из открытых
// источников". The curator (information policy department) routes, approves and publishes through the system.
import { citeIn } from "../cite";
import type { ProfileInput } from "../schema";

const seed = "002_065ac137eac5f223.txt";
const s = citeIn(seed);
// Minutes and hours are working time under the internal labour schedule (2.2).
const route = { budget: "30m", source: s("4.4") };

export const omsk = {
  id: "omsk",
  title: "Омск: сообщения из открытых источников",
  seed,
  zone: "Asia/Omsk",
  calendar: "ru",
  steps: {
    // "с момента предоставления … доступа к сообщению" = detection; a re-route after a return is 4.4 again.
    route: { from: "detection", normal: route, also: [{ from: "returned", normal: route }] },
    // «в течение 30 минут … возвращает»: a limit on returning, not a duty to accept (docs/regulations.md).
    return: { from: "assignment", normal: { budget: "30m", source: s("5") }, limit: s("5") },
    draft: {
      from: "detection",
      normal: { budget: "answer-4h", source: s("7 ¶1") },
      high: { budget: "answer-2h", source: s("7 ¶2") },
    },
    review: { from: "draft_submitted", normal: { budget: "30m", source: s("8") } },
    rework: {
      from: "rework_requested",
      normal: { budget: "1h", source: s("9") },
      high: { budget: "30m", source: s("9") },
    },
    publish: { from: "approved", normal: { budget: "30m", source: s("10") } },
    answer: {
      from: "detection",
      normal: { budget: "9h", source: s("6 ¶1") },
      high: { budget: "4h", source: s("6 ¶2") },
    },
    coExecutorInput: {
      from: "contribution_requested",
      normal: { budget: "2h", source: s("12.4") },
      high: { budget: "45m", source: s("12.4") },
    },
    consolidate: {
      from: "contributions_done",
      normal: { budget: "2h", source: s("12.5") },
      high: { budget: "45m", source: s("12.5") },
    },
    finalAfterInterim: {
      from: "interim_published",
      normal: { budget: "7wd", source: s("11") },
      // "срок подлежит согласованию с Куратором": the 7 wd ceiling holds until the curator agrees another.
      high: { budget: "7wd", agreedWith: "curator", source: s("11") },
      // «срок, необходимый для направления окончательного проекта ответа»: met by the final draft.
      metBy: { event: "final_draft", source: s("11") },
    },
  },
  routing: { tiers: ["curator"], source: s("4.4") },
  review: { tiers: ["curator"], source: s("8") },
  publisher: { by: "curator", source: s("10 ¶2") },
  coExecution: { mode: "responsible-composes", source: s("12") },
  outcomes: [
    { outcome: "process", source: s("4") },
    { outcome: "reject", source: s("16") },
  ],
  rejectGrounds: [
    { ground: "threat", source: s("16 ¶1") },
    { ground: "obscene", source: s("16 ¶1") },
    { ground: "insult", source: s("16 ¶1") },
    { ground: "repeat_no_new_arguments", source: s("16 ¶2") },
  ],
  reviewReasons: [
    { reason: "not_to_the_point", source: s("15") },
    { reason: "format", source: s("15") },
    { reason: "other", source: s("8") },
  ],
  draftKinds: [
    { kind: "final", source: s("7") },
    { kind: "interim", source: s("7") },
    { kind: "clarification", source: s("7") },
  ],
  highImportance: { rule: "fixed", source: s("6 ¶2") },
  // "принимает решение о сроках реагирования"; the high answer budget is fixed by 6 ¶2.
  shorterAnswer: { importances: ["normal"], source: s("4.3") },
  escalation: { roles: ["supervisor"], official: "Мэр города Омска", source: s("18") },
  reports: {
    significant: { official: "Мэр города Омска", source: s("19") },
  },
} satisfies ProfileInput;
