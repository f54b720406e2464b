// The worker's workflow bundle entry: every workflow type the task queue runs.
export { calendarFanOut } from "./calendar-fan-out";
export { provisionalYearCheck } from "./calendar-notice";
export { caseWorkflow } from "./case";
export { feedPoller } from "./feed-poller";
export { monthlyReportWorkflow } from "./monthly-report";
