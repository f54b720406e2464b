// Yuzhno-Sakhalinsk: resolution of 22.11.2019 No. 3804-pa, appendix "Порядок работы с сообщениями пользователей".
// The operator (MKU agency) checks, routes, reviews and publishes; responsible structures prepare the answers.
import { citeIn } from "../cite";
import type { ProfileInput } from "../schema";

const seed = "000_42ec52c8cd571ccf.txt";
const s = citeIn(seed);

export const yuzhnoSakhalinsk = {
  id: "yuzhno-sakhalinsk",
  title: "Южно-Сахалинск: сообщения пользователей в официальных аккаунтах мэра и администрации",
  seed,
  zone: "Asia/Sakhalin",
  calendar: "ru",
  steps: {
    // "в срок, не превышающий 3-х рабочих часов с момента размещения сообщения".
    route: { from: "posting", normal: { budget: "3h", source: s("3.1") } },
    // The structure's processing and answer to the operator, "4-х часов с момента поступления" to it.
    draft: { from: "assignment", normal: { budget: "4h", source: s("3.2 ¶1") } },
    rework: { from: "rework_requested", normal: { budget: "3h", source: s("3.2 ¶4") } },
    // 24 h not counting weekends and holidays, holding at least 8 working hours: the later of the two.
    answer: {
      from: "detection",
      normal: {
        budget: "24h",
        clock: "workdays",
        floor: { budget: "8h", clock: "working" },
        source: s("3.3"),
      },
    },
    explanation: { from: "posting", normal: { budget: "12h", source: s("3.7") } },
  },
  // No return step and no review/publish budgets: the operator re-routes, checks and publishes inside 3.3.
  routing: { tiers: ["operator"], source: s("2.1") },
  review: { tiers: ["operator"], source: s("3.2 ¶2") },
  publisher: { by: "operator", source: s("3.3") },
  outcomes: [
    { outcome: "process", source: s("3.1") },
    { outcome: "reject", source: s("3.6 ¶1") },
    { outcome: "explain", source: s("3.7") },
    { outcome: "link", source: s("3.6 ¶2") },
    { outcome: "formal_appeal", source: s("3.8") },
  ],
  rejectGrounds: [
    { ground: "threat", source: s("3.6 ¶1") },
    { ground: "obscene", source: s("3.6 ¶1") },
    { ground: "insult", source: s("3.6 ¶1") },
    { ground: "unreadable", source: s("3.6 ¶1") },
    { ground: "no_point", source: s("3.6 ¶1") },
  ],
  explainReasons: [
    { reason: "out_of_competence", source: s("3.7") },
    { reason: "abuse_of_right", source: s("3.7") },
    { reason: "court_act", source: s("3.7") },
    { reason: "repeated", source: s("3.7") },
  ],
  // The operator checks "информативности и полноты … с учетом соответствия информации изложенной в сообщении".
  reviewReasons: [
    { reason: "not_to_the_point", source: s("3.2 ¶2") },
    { reason: "other", source: s("3.2 ¶3") },
  ],
  draftKinds: [
    { kind: "final", source: s("3.2") },
    { kind: "explanation", source: s("3.7") },
  ],
  // The regulation has no importance categories.
  highImportance: { rule: "same" },
  // «Ответы, несущие информационный характер, представляющие интерес у неограниченного количества
  // пользователей … подлежат публичному размещению … в разделе «Информация для населения»».
  generalInterest: { section: "Информация для населения", source: s("3.5") },
  // «направляет ответ в департамент информационной политики» after publishing (3.2 ¶3); «или передача ответа в
  // департамент» meets the 24 h of 3.3 instead of a publication.
  handOver: { to: "regional-department", notice: s("3.2 ¶3"), source: s("3.3") },
  // «ответы даются оператором в выходные и праздничные дни»: every step of the case, the structure's 23 h
  // included, runs on the wall clock (docs/regulations.md "Yuzhno-Sakhalinsk emergencies"); the structures'
  // lists of people «в рабочее и нерабочее время» get the assignment.
  emergency: {
    clock: "wall",
    steps: ["route", "draft", "rework", "answer", "explanation"],
    executorTotal: true,
    onCall: true,
    source: s("3.9"),
  },
  // "Общий срок обработки, подготовки и доработки ответа ответственной структуры не должен превышать 23-х часов",
  // read on the same clock as the 24 h of 3.3.
  executorTotal: { budget: "23h", clock: "workdays", from: "assignment", source: s("3.2 ¶5") },
  escalation: {
    roles: ["supervisor"],
    official: "руководитель ответственной структуры",
    source: s("4.1"),
  },
  reports: {},
} satisfies ProfileInput;
