// Local days of a time zone as absolute instants. Each local day is resolved through luxon once per zone
// and cached; on ordinary days local minutes are plain offsets from local midnight, and only a day with an
// offset change (DST) asks luxon for each local time, so results stay right in any zone.
import { DateTime, IANAZone } from "luxon";
import { DAY_MS, dateOf } from "./days";
import { CalendarError } from "./errors";

export interface Frame {
  dn: number;
  date: string;
  start: number; // epoch ms of local midnight
  end: number; // epoch ms of the next local midnight
  offset: number | null; // minutes east of UTC for the whole day, or null when it changes that day
}

const zones = new Map<string, { zone: IANAZone; frames: Map<number, Frame> }>();

function entry(name: string) {
  let e = zones.get(name);
  if (!e) {
    if (!IANAZone.isValidZone(name)) throw new CalendarError(`unknown zone "${name}"`);
    e = { zone: IANAZone.create(name), frames: new Map() };
    zones.set(name, e);
  }
  return e;
}

export function checkZone(name: string): string {
  entry(name);
  return name;
}

function midnight(name: string, dn: number): number {
  const [y, m, d] = dateOf(dn).split("-").map(Number);
  return DateTime.fromObject({ year: y, month: m, day: d }, { zone: name }).toMillis();
}

export function frame(name: string, dn: number): Frame {
  const e = entry(name);
  let f = e.frames.get(dn);
  if (f) return f;
  const start = midnight(name, dn);
  const end = midnight(name, dn + 1);
  const o1 = e.zone.offset(start);
  const o2 = e.zone.offset(end - 1);
  f = { dn, date: dateOf(dn), start, end, offset: o1 === o2 && end - start === DAY_MS ? o1 : null };
  e.frames.set(dn, f);
  return f;
}

/** The local day holding an instant: within ±1 of its UTC day, since offsets stay within ±14 h. */
export function frameAt(name: string, ms: number): Frame {
  const utc = Math.floor(ms / DAY_MS);
  for (const dn of [utc - 1, utc, utc + 1]) {
    const f = frame(name, dn);
    if (ms >= f.start && ms < f.end) return f;
  }
  throw new CalendarError(`cannot place ${ms} in zone ${name}`);
}

/** Epoch ms of a local minute of the day (0..1440). */
export function localToEpoch(name: string, f: Frame, minute: number): number {
  if (minute >= 1440) return f.end;
  if (f.offset !== null) return f.start + minute * 60_000;
  const [y, m, d] = f.date.split("-").map(Number);
  const t = DateTime.fromObject(
    { year: y, month: m, day: d, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone: name },
  ).toMillis();
  return Math.min(Math.max(t, f.start), f.end);
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 instant -> epoch ms. Without an offset the local time is read in `zone`. */
export function parseInstant(iso: string, zone: string): number {
  const m = typeof iso === "string" ? ISO_RE.exec(iso.trim()) : null;
  if (m?.[8]) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
    const s = Number(m[6] ?? 0);
    const ms = Number((m[7] ?? "0").padEnd(3, "0"));
    const local = Date.UTC(y!, mo! - 1, d!, h!, mi!, s, ms);
    const check = new Date(local);
    if (check.getUTCDate() === d && check.getUTCMonth() === mo! - 1 && h! < 24 && mi! < 60 && s < 60) {
      const z = m[8];
      if (z === "Z") return local;
      const sign = z[0] === "-" ? -1 : 1;
      const digits = z.slice(1).replace(":", "");
      const off = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
      if (off <= 18 * 60) return local - sign * off * 60_000;
    }
  } else if (m) {
    const dt = DateTime.fromISO(iso.trim(), { zone: checkZone(zone) });
    if (dt.isValid) return dt.toMillis();
  }
  throw new CalendarError(`malformed instant "${iso}" (expected ISO 8601, e.g. 2026-04-30T12:00:00+03:00)`);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Epoch ms -> ISO 8601 in the zone with its offset, seconds always shown, milliseconds only when set. */
export function formatInstant(ms: number, zone: string): string {
  const f = frameAt(zone, ms);
  const off = f.offset ?? entry(zone).zone.offset(ms);
  const d = new Date(ms + off * 60_000);
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : "";
  const a = Math.abs(off);
  const sign = off < 0 ? "-" : "+";
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}` +
    `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
  );
}
