// The worker's workflow bundle entry: every workflow type the task queue runs.
export { caseWorkflow } from "./case";
export { monthlyReportWorkflow } from "./monthly-report";
export { feedPoller } from "./feed-poller";
