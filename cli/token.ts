// `npx tsx cli/main.ts token <staffId> [--ttl 12h] [--org ORG --roles r1,r2 [--department D] [--tier T]]`
// prints a bearer token signed with the dev secret (JWT_SECRET) for a staff member. The claims come from
// the staff row in DATABASE_URL (default: the `make dev` database); with --org and --roles no database is
// read. Either way the API checks the staff row at every request and its roles win.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { type StaffClaims, signStaffToken, staffClaimsSchema } from "../api/auth/credentials";
import { config } from "../config";
import { createDb } from "../db/client";
import { staff } from "../db/schema";

const devDatabaseUrl = `postgres://casework:casework@127.0.0.1:${process.env.PG_PORT ?? 5433}/casework`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ttl: { type: "string", default: "12h" },
      org: { type: "string" },
      roles: { type: "string" },
      department: { type: "string" },
      tier: { type: "string" },
    },
  });
  const staffId = positionals[0];
  if (!staffId)
    throw new Error(
      "usage: token <staffId> [--ttl 12h] [--org ORG --roles r1,r2 [--department D] [--tier T]]",
    );
  const claims =
    values.org && values.roles
      ? staffClaimsSchema.parse({
          sub: staffId,
          org: values.org,
          roles: values.roles.split(","),
          department: values.department,
          tier: values.tier,
        })
      : await claimsFromDb(staffId, config.databaseUrl || devDatabaseUrl);
  console.log(await signStaffToken(claims, config.api.jwtSecret, { ttl: values.ttl }));
}

async function claimsFromDb(staffId: string, url: string): Promise<StaffClaims> {
  const { db, close } = createDb(url, { max: 1 });
  try {
    const [row] = await db
      .select()
      .from(staff)
      .where(eq(staff.id, staffId))
      .catch(() => {
        throw new Error(
          `cannot read the staff table at ${url.replace(/\/\/[^@]*@/, "//")}; sign without it: --org ORG --roles r1,r2`,
        );
      });
    if (!row) throw new Error(`no staff member '${staffId}' in the database (is \`make dev\` running?)`);
    if (!row.active) throw new Error(`staff member '${staffId}' is not active`);
    return staffClaimsSchema.parse({
      sub: row.id,
      org: row.orgId,
      roles: row.roles,
      department: row.departmentId ?? undefined,
      tier: row.curatorTier ?? undefined,
    });
  } finally {
    await close();
  }
}
