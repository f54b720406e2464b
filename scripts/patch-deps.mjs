// Fixes a dependency bug until its release carries the fix; run by `make deps` and the Dockerfile after every
// install (idempotent). Fails loudly when the code it patches has changed, so an upgrade is re-checked.
//
// postgres 3.4.9 (porsager/postgres issues 1066, 1154, 1208; fix not released): a small write is deferred to
// setImmediate(nextWrite); when the server closes the connection in between (a PostgreSQL restart), nextWrite
// runs with `socket` null and throws from the immediate — an uncaught TypeError that kills the worker and the
// API (found by test/durability/chaos.test.ts). The guard fails the connection's queries with CONNECTION_CLOSED
// instead, which the callers already handle (activities retry, the API answers 503), and `closed()` forgets the
// deferred write.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const MARK = "/* casework: guarded nextWrite */";
const patches = [
  {
    from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    to: `  function nextWrite(fn) {\n    ${MARK}\n    if (socket === null) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    from: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
];

let changed = 0;
for (const rel of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
  const file = path.join(root, "node_modules/postgres", rel);
  if (!existsSync(file)) continue;
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const p of patches) {
    if (!text.includes(p.from)) {
      console.error(`patch-deps: ${rel} of postgres is not the code this patch was written for; re-check the fix`);
      process.exit(1);
    }
    text = text.replace(p.from, p.to);
  }
  writeFileSync(file, text);
  changed++;
}
if (changed) console.log(`patch-deps: postgres nextWrite guarded (${changed} files)`);
