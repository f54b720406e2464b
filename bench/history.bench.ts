// History growth (issue 17): events and bytes of a case's history for each regulation's longest walk
// (bench/support/day.ts `longest`, the walks of test/durability/histories.test.ts), and of an open case after
// 50 calendar changes (the `calendarChanged` signal a change's fan-out sends every open case), against
// Temporal's limits: 50,000 events / 50 MB per history (warnings from 10,240 events / 10 MB).
//   npx tsx bench/history.bench.ts [calendar changes = 50]
import proto from "@temporalio/proto";
import { calendarChanged, getTimeline } from "../workflows/actions";
import { caseIdOf } from "../workflows/message";
import { type DayCase, longest, orgIds, straight } from "./support/day";
import { bareDriver, messageOf } from "./support/drivers";
import { benchStack } from "./support/stack";

const { temporal } = proto; // a CommonJS module: no named ESM exports under plain Node
const CHANGES = Number(process.argv[2] ?? 50);
const LIMIT_EVENTS = 50_000;
const LIMIT_BYTES = 50 * 1024 * 1024;

async function main() {
  const stack = await benchStack("history");
  try {
    await stack.addWorker();
    const bare = await bareDriver(stack, "hist");
    const sizeOf = async (id: string) => {
      const h = await stack.client.workflow.getHandle(id).fetchHistory();
      const bytes = temporal.api.history.v1.History.encode(h).finish().length;
      const updates = (h.events ?? []).filter(
        (e) => e.workflowExecutionUpdateCompletedEventAttributes,
      ).length;
      return { events: h.events?.length ?? 0, bytes, updates };
    };
    const waitClosed = async (id: string) => {
      for (let i = 0; i < 300; i++) {
        const d = await stack.client.workflow.getHandle(id).describe();
        if (d.status.name !== "RUNNING") return d.status.name;
        await new Promise((r) => setTimeout(r, 100));
      }
      return "RUNNING";
    };
    console.log("| regulation | walk | actions | events | bytes | bytes / action | status |");
    console.log("|---|---|---:|---:|---:|---:|---|");
    let n = 0;
    let worst = { events: 0, bytes: 0 };
    for (const org of orgIds)
      for (const [walk, steps] of [
        ["straight", straight[org]],
        ["longest", longest[org]],
      ] as const) {
        const c: DayCase = { n: n++, org, at: 0, steps };
        await bare.start(c);
        for (const s of steps) await bare.act(c, s);
        const id = caseIdOf(messageOf("hist", c));
        const status = await waitClosed(id);
        const s = await sizeOf(id);
        worst = { events: Math.max(worst.events, s.events), bytes: Math.max(worst.bytes, s.bytes) };
        console.log(
          `| ${org} | ${walk} | ${steps.length} | ${s.events} | ${s.bytes} | ${Math.round(s.bytes / steps.length)} | ${status} |`,
        );
      }

    // An open case (triaged, accepted) through CHANGES calendar changes, each waited for in its timeline.
    const c: DayCase = { n: n++, org: "omsk", at: 0, steps: straight.omsk };
    await bare.start(c);
    for (const s of straight.omsk.slice(0, 2)) await bare.act(c, s);
    const id = caseIdOf(messageOf("hist", c));
    const handle = stack.client.workflow.getHandle(id);
    const before = await sizeOf(id);
    for (let v = 1; v <= CHANGES; v++) {
      await handle.signal(calendarChanged, { calendarId: "ru", version: v });
      for (let i = 0; i < 200; i++) {
        const seen = (await handle.query(getTimeline)).filter((e) => e.type === "calendar_changed").length;
        if (seen >= v) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const after = await sizeOf(id);
    const perEvents = (after.events - before.events) / CHANGES;
    const perBytes = (after.bytes - before.bytes) / CHANGES;
    console.log(
      `open omsk case after ${CHANGES} calendar changes: ${before.events} → ${after.events} events, ` +
        `${before.bytes} → ${after.bytes} bytes (${perEvents.toFixed(1)} events, ${Math.round(perBytes)} bytes per change)`,
    );
    console.log(
      `headroom: the largest walked case is ${worst.events} events / ${(worst.bytes / 1024).toFixed(1)} KiB ` +
        `(${((100 * worst.events) / LIMIT_EVENTS).toFixed(2)}% / ${((100 * worst.bytes) / LIMIT_BYTES).toFixed(3)}% of the limits); ` +
        `calendar changes to reach 50,000 events: ${Math.floor((LIMIT_EVENTS - after.events) / perEvents)}, ` +
        `to reach 50 MB: ${Math.floor((LIMIT_BYTES - after.bytes) / perBytes)}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
