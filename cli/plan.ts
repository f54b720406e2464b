// `plan <regulationId> <startISO> [--importance normal|high]` (docs/architecture.md "Command line", a stable
// contract): every step of the regulation with its budget, clock, starting event and, for the steps fixed by
// the start, its due instant. A shortened answer (`--answer-budget`, `--listed-topic`: Nenets 16 ¶2) shows
// the draft lead shrunk in proportion (docs/regulations.md). Every user error is one line on stderr and exit code 2.
import { parseArgs } from "node:util";
import { CalendarError, parseBudget } from "../calendars";
import { getProfile, plan, RegulationError } from "../regulations";
import { UsageError as CalendarUsage, decreeLayers } from "./calendar";

const USAGE =
  "usage: plan <regulationId> <startISO> [--importance normal|high] [--published-at ISO] [--answer-budget 4h] [--listed-topic] [--emergency] [--decree FILE.xml]";

class UsageError extends Error {}

function planJson(args: string[]): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      importance: { type: "string", default: "normal" },
      "published-at": { type: "string" },
      "answer-budget": { type: "string" },
      "listed-topic": { type: "boolean", default: false },
      emergency: { type: "boolean", default: false },
      decree: { type: "string", multiple: true },
    },
  });
  const [regulationId, start, ...rest] = positionals;
  if (!regulationId || !start || rest.length > 0) throw new UsageError(USAGE);
  const importance = values.importance;
  if (importance !== "normal" && importance !== "high")
    throw new UsageError(`importance must be normal or high, not "${importance}"`);
  const answerBudget = values["answer-budget"];
  const p = plan(getProfile(regulationId), start, importance, {
    publishedAt: values["published-at"],
    answerBudget: answerBudget === undefined ? undefined : parseBudget(answerBudget),
    emergency: values.emergency || undefined,
    listedTopic: values["listed-topic"] || undefined,
    overrides: decreeLayers(values.decree),
  });
  // The printed shape omits `source`, exactly as the contract lists the fields.
  const steps = Object.fromEntries(
    Object.entries(p.steps).map(([name, s]) => [
      name,
      { budget: s.budget, clock: s.clock, from: s.from, dueAt: s.dueAt },
    ]),
  );
  return `${JSON.stringify({ regulation: p.regulation, importance: p.importance, start: p.start, steps })}\n`;
}

export async function run(args: string[]): Promise<void> {
  try {
    process.stdout.write(planJson(args));
  } catch (e) {
    // parseArgs reports unknown options as TypeError with an ERR_PARSE_ARGS_* code: a usage error too.
    const usage =
      e instanceof UsageError ||
      e instanceof CalendarUsage ||
      (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (!(e instanceof RegulationError) && !(e instanceof CalendarError) && !usage) throw e;
    process.stderr.write(`plan: ${(e as Error).message.split("\n")[0]}\n`);
    process.exit(2);
  }
}
