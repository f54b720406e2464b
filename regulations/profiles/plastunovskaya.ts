// Plastunovskaya rural settlement (Krasnodar krai): resolution of 04.09.2023 No. 273, appendix 2. Two-tier:
// the regional curator finds incidents and approves last; the municipal curator routes, reviews first and posts.
import { citeIn } from "../cite";
import type { ProfileInput } from "../schema";

const seed = "003_7882df1e4c209347.txt";
const s = citeIn(seed);

export const plastunovskaya = {
  id: "plastunovskaya",
  title: "Пластуновское сельское поселение (Динской район): сообщения в социальных сетях",
  seed,
  zone: "Europe/Moscow",
  calendar: "ru",
  steps: {
    // Regional -> municipal curator (9) is outside items 10–16, so not halved for high importance;
    // municipal curator -> departments (10) and the re-route after a return (11) are.
    route: {
      from: "detection",
      normal: { budget: "30m", source: s("9") },
      also: [
        { from: "forwarded", normal: { budget: "30m", source: s("10") }, high: "half" },
        { from: "returned", normal: { budget: "30m", source: s("11") }, high: "half" },
      ],
    },
    // «в течение 30 минут … возвращает»: a limit on returning, not a duty to accept (docs/regulations.md).
    return: {
      from: "assignment",
      normal: { budget: "30m", source: s("11") },
      high: "half",
      limit: s("11"),
    },
    // "В случае необходимости": a window for asking the author, not a task every case must do.
    clarification: {
      from: "assignment",
      normal: { budget: "1h", source: s("13") },
      high: "half",
      whenNeeded: s("13"),
    },
    // The draft has no budget of its own: it goes up both tiers inside the answer budget (12).
    review: { from: "draft_submitted", normal: { budget: "30m", source: s("14") }, high: "half" },
    rework: { from: "rework_requested", normal: { budget: "1h", source: s("15") }, high: "half" },
    publish: { from: "approved", normal: { budget: "30m", source: s("16") }, high: "half" },
    answer: {
      from: "detection",
      normal: { budget: "8h", source: s("8") },
      high: { budget: "4h", source: s("17") },
    },
    // Item 19 is outside 10–16: 2 h for high importance too.
    coExecutorInput: { from: "contribution_requested", normal: { budget: "2h", source: s("19.2") } },
    // 18: «срок, необходимый для направления окончательного ответа автору»: met by its publication.
    finalAfterInterim: {
      from: "interim_published",
      normal: { budget: "7wd", source: s("18") },
      metBy: { event: "final_published", source: s("18") },
    },
  },
  routing: { tiers: ["regional_curator", "municipal_curator"], source: s("9, 10") },
  review: { tiers: ["municipal_curator", "regional_curator"], source: s("12, 14") },
  publisher: { by: "municipal_curator", source: s("16") },
  coExecution: { mode: "parallel-named-composer", source: s("19") },
  outcomes: [
    { outcome: "process", source: s("9") },
    { outcome: "reject", source: s("21") },
  ],
  rejectGrounds: [
    { ground: "threat", source: s("21") },
    { ground: "obscene", source: s("21") },
    { ground: "insult", source: s("21") },
  ],
  reviewReasons: [
    { reason: "not_to_the_point", source: s("14.1") },
    { reason: "format", source: s("14.2, 20") },
    { reason: "redirect", source: s("14.3") },
    { reason: "no_greeting", source: s("14.4") },
    { reason: "spelling", source: s("14.5") },
    { reason: "other", source: s("14") },
  ],
  draftKinds: [
    { kind: "final", source: s("12") },
    { kind: "interim", source: s("12") },
    { kind: "clarification", source: s("13") },
  ],
  // "…избыточного цитирования нормативных правовых актов (не более двух)": a draft citing more is refused.
  draftChecks: { block: ["too_many_citations"], source: s("20") },
  // "Сроки … указанные в пунктах 10-16 настоящего Порядка, также сокращаются вдвое."
  highImportance: { rule: "halved", source: s("17") },
  afterInterim: {
    budgetsSetBy: "regional_curator",
    steps: ["route", "return", "clarification", "review", "rework", "publish"],
    source: s("18"),
  },
  escalation: {
    roles: ["supervisor"],
    official: "заместитель главы администрации, ответственный за работу с сообщениями",
    source: s("7.1"),
  },
  reports: {
    // High-importance incidents are by definition the socially significant ones (2.2).
    significant: { official: "заместитель главы администрации", source: s("2.2, 24") },
    highImmediately: { official: "заместитель главы администрации", source: s("24") },
    monthly: {
      by: "municipal_curator",
      official: "заместитель главы администрации, ответственный за работу с сообщениями",
      dueDayOfNextMonth: 5,
      source: s("23"),
    },
  },
  // 2.3: «сообщения … выявленные Администрацией» — no regional curator found them, so none triages them.
  ownFindings: { openedBy: "municipal_curator", source: s("2.3, 4") },
  // «Муниципальный куратор оповещает начальников отделов … о том, что сообщение отправлено».
  assignmentCopies: { to: "department_heads", source: s("10 ¶2") },
  subjects: {
    assignment: "для ответа на сообщения из социальных сетей",
    draftBack: "ответ на сообщение из социальных сетей",
    source: s("10, 12"),
  },
} satisfies ProfileInput;
