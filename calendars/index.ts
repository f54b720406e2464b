// The public surface of calendars/, exactly docs/contracts.md. Pure and deterministic: runs in the workflow sandbox.
export { type Budget, type Clock, formatBudget, parseBudget } from "./budget";
export {
  addBudget,
  between,
  nextWorkingInstant,
  subtractBudget,
  type WorkTime,
  workingMinutesOfDay,
  workTime,
} from "./engine";
export { CalendarError } from "./errors";
export { type CalendarOverride, type DayInfo, loadCalendar, type ProductionCalendar } from "./production";
export { type DayKind, DEFAULT_SCHEDULE, type Schedule } from "./schedule";
