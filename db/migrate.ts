// Applies the committed drizzle-kit migrations (db/migrations) to DATABASE_URL. Idempotent.
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";

export async function migrateDb(url: string): Promise<void> {
  const { db, close } = createDb(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder: path.join(import.meta.dirname, "migrations") });
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateDb(process.env.DATABASE_URL ?? "").then(
    () => console.log("migrations applied"),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
