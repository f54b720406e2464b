// Hand-checked deadlines: instants on the week that starts at `monday` (an ISO instant with the org's
// offset, from plainMonday), compared to the minute — actions land a few milliseconds into a virtual minute.

/** `day` days after the Monday's local date, at `hhmm` in the Monday's offset; in minutes since the epoch. */
export function at(monday: string, day: number, hhmm: string): number {
  const offset = monday.slice(-6);
  const date = new Date(Date.parse(`${monday.slice(0, 10)}T00:00:00Z`) + day * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return Date.parse(`${date}T${hhmm}:00${offset}`) / 60_000;
}

/** An ISO instant in minutes since the epoch (NaN when absent, so a missing deadline never matches). */
export const min = (iso?: string): number => (iso ? Math.floor(Date.parse(iso) / 60_000) : Number.NaN);
