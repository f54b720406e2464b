import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof createDb>["db"];

/** One pool per process; `close()` ends it (tests, shutdown). */
export function createDb(url: string, opts: { max?: number } = {}) {
  if (!url) throw new Error("DATABASE_URL is not set");
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 5 });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
