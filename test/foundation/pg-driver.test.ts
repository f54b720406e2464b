// scripts/patch-deps.mjs: with the server gone under a reserved connection, the next small query rejects with
// CONNECTION_CLOSED instead of throwing an uncaught TypeError from setImmediate that kills the process (a
// PostgreSQL restart took the worker down in the chaos suite). Run in a child process: the unpatched driver
// crashes it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, inject, test } from "vitest";

const script = `
import postgres from "postgres";
const sql = postgres(process.argv[1], { max: 2, onnotice: () => {} });
const conn = await sql.reserve();
const [{ pid }] = await conn\`select pg_backend_pid() as pid\`;
await sql\`select pg_terminate_backend(\${pid})\`;
const outcomes = [];
for (let i = 0; i < 3; i++) {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 3 s")), 3000));
  try { await Promise.race([conn\`select 1\`, timeout]); outcomes.push("ok"); } catch (e) { outcomes.push(e.code ?? e.message); }
}
conn.release();
console.log(JSON.stringify(outcomes));
await sql.end({ timeout: 1 });
`;

test("a reserved connection whose server backend died rejects its queries; the process lives", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script, inject("databaseUrl")],
    { cwd: process.cwd(), timeout: 30_000 },
  );
  const outcomes = JSON.parse(stdout.trim()) as string[];
  // The unpatched driver never gets here: the process dies with "Cannot read properties of null (reading
  // 'write')". Patched, every query fails (a caller's timeout covers the one that waits) and the process lives.
  expect(outcomes).toHaveLength(3);
  expect(outcomes).not.toContain("ok");
  expect(outcomes).toContain("CONNECTION_CLOSED");
});
