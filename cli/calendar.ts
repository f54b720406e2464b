// `calendar days <calendarId> <year>` and `calendar add <calendarId> <startISO> <budget> [--tz Z] [--clock C]`
// (docs/architecture.md "Command line", a stable contract). Every user error — unknown calendar or zone, a
// malformed instant or budget, a year outside the data, bad usage — is one line on stderr and exit code 2.
// `--decree <file.xml>` (days, add) counts on a decree file not yet in the shipped data (calendar import);
// `calendar import <file.xml>` stores one as a new version of the national calendar (cli/calendar-import.ts).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  addBudget,
  CalendarError,
  type CalendarLayers,
  parseBudget,
  workingMinutesOfDay,
  workTime,
} from "../calendars";
import { isClock } from "../calendars/budget";
import { dateOf, firstDay } from "../calendars/days";
import { decreeYearOf, parseXmlCalendar } from "../calendars/xmlcalendar";

const USAGE =
  "usage: calendar days <calendarId> <year> [--decree FILE.xml] | calendar add <calendarId> <startISO> <budget> [--tz ZONE] [--clock working|workdays|wall] [--decree FILE.xml] | calendar import <FILE.xml>";
const DEFAULT_ZONE = "Europe/Moscow";

export class UsageError extends Error {}

/** Decree files given with --decree, as the layers of an imported national version. */
export function decreeLayers(files: string[] = []): CalendarLayers {
  const decreed = files.map((f) => {
    let xml: string;
    try {
      xml = readFileSync(f, "utf8");
    } catch {
      throw new UsageError(`cannot read decree file "${f}"`);
    }
    return decreeYearOf(parseXmlCalendar(xml), `decree file ${f}`);
  });
  return { decreed };
}

const decreeOption = { decree: { type: "string", multiple: true } } as const;

function days(args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: decreeOption });
  const [calendarId, yearArg, ...rest] = positionals;
  if (!calendarId || !yearArg || rest.length > 0) throw new UsageError(USAGE);
  if (!/^\d{4}$/.test(yearArg)) throw new CalendarError(`year outside data: "${yearArg}"`);
  const year = Number(yearArg);
  const wt = workTime(calendarId, DEFAULT_ZONE, undefined, decreeLayers(values.decree));
  const lines: string[] = [];
  for (let dn = firstDay(year); dn < firstDay(year + 1); dn++) {
    const info = wt.calendar.day(dateOf(dn));
    const line = { date: info.date, kind: info.kind, workingMinutes: workingMinutesOfDay(wt, info.date) };
    lines.push(JSON.stringify(info.provisional ? { ...line, provisional: true } : line));
  }
  return `${lines.join("\n")}\n`;
}

function add(args: string[]): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tz: { type: "string", default: DEFAULT_ZONE },
      clock: { type: "string", default: "working" },
      ...decreeOption,
    },
  });
  const [calendarId, start, budget, ...rest] = positionals;
  if (!calendarId || !start || !budget || rest.length > 0) throw new UsageError(USAGE);
  if (!isClock(values.clock))
    throw new UsageError(`unknown clock "${values.clock}" (working, workdays, wall)`);
  const wt = workTime(calendarId, values.tz, undefined, decreeLayers(values.decree));
  return `${addBudget(wt, start, parseBudget(budget), values.clock)}\n`;
}

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  try {
    if (sub === "days") process.stdout.write(days(rest));
    else if (sub === "add") process.stdout.write(add(rest));
    else if (sub === "import") {
      // Validation before any connection: a bad file is a user error without a database or a server.
      const { importCommand } = await import("./calendar-import");
      process.stdout.write(await importCommand(rest));
    } else throw new UsageError(USAGE);
  } catch (e) {
    // parseArgs reports unknown options as TypeError with an ERR_PARSE_ARGS_* code: a usage error too.
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (!(e instanceof CalendarError) && !usage) throw e;
    process.stderr.write(`calendar: ${(e as Error).message.split("\n")[0]}\n`);
    process.exit(2);
  }
}
