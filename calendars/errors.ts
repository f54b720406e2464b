/** Every user-facing failure of the calendars module (docs/contracts.md): unknown calendar or zone, a year
 * outside the data, a malformed budget, instant, date, schedule or override. */
export class CalendarError extends Error {
  override name = "CalendarError";
}
