// Reads a V8 CPU profile (a worker started with WORKER_CPU_PROFILE_DIR writes one per thread) and prints where
// the time went: by package or file, the top functions, and the workflow bundle's module initialisation (the
// modules evaluated anew for every case the worker loads; workflow bundles name each module's factory after
// its path). Usage: npx tsx scripts/profile-summary.ts <file.cpuprofile> [rows]
import { readFileSync } from "node:fs";

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Node {
  id: number;
  callFrame: Frame;
  children?: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx scripts/profile-summary.ts <file.cpuprofile> [rows]");
  process.exit(2);
}
const rows = Number(rowsArg ?? 15);
const p = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
p.samples.forEach((s, i) => {
  self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
});

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
const byModuleInit = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, ms] of self) {
  const f = nodes.get(id)!.callFrame;
  total += ms;
  if (f.functionName === "(idle)") idle += ms;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url)?.[1];
  add(byPlace, pkg ?? (f.url.split("/").pop() || f.functionName), ms);
  add(byFunction, `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}`, ms);
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const name = nodes.get(cur)!.callFrame.functionName;
    if (name.startsWith("./")) {
      add(byModuleInit, name, ms);
      break;
    }
  }
}
const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([k, v]) => `  ${v.toFixed(0).padStart(8)} ms  ${k}`)
    .join("\n");
const init = [...byModuleInit.values()].reduce((a, b) => a + b, 0);
console.log(`${file}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
console.log(`by package or file:\n${top(byPlace)}`);
console.log(`top functions (self time):\n${top(byFunction)}`);
console.log(
  `workflow module initialisation: ${init.toFixed(0)} ms, by module (self time):\n${top(byModuleInit)}`,
);
