// The public surface of calendars/, exactly docs/contracts.md. Pure and deterministic: runs in the workflow sandbox.
export { type Budget, type Clock, formatBudget, parseBudget } from "./budget";
export type { DecreeDay, DecreeYear } from "./data/ru";
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
export {
  type CalendarLayer,
  type CalendarLayers,
  type CalendarOverride,
  type DayInfo,
  LAST_DECREED_YEAR,
  loadCalendar,
  type ProductionCalendar,
} from "./production";
export { type DayKind, DEFAULT_SCHEDULE, type Schedule } from "./schedule";
