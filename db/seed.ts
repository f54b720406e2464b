// The demo seed of docs/process.md: one org per regulation (org id = regulation id), two departments each,
// staff `<org>.integrator|curator|executor1|executor2|supervisor|admin` (two-tier Plastunovskaya:
// `regional-curator` and `municipal-curator`; Zarechny and Nenets also `executor3`, for three sequential
// co-executors). Idempotent: re-running changes nothing.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { apiKeys, departments, orgs, routingRules, staff } from "./schema";

interface DemoOrg {
  id: string;
  name: string;
  zone: string;
  twoTier?: boolean;
  urgentTopics?: string[];
  /** A third executor in a third department: sequential co-execution of three (Zarechny 16, Nenets 22). */
  thirdExecutor?: boolean;
}

// Zones as in docs/regulations.md "Regulation ids, seeds, defaults"; an org's zone is its own setting.
export const demoOrgs: DemoOrg[] = [
  { id: "yuzhno-sakhalinsk", name: "Администрация г. Южно-Сахалинска", zone: "Asia/Sakhalin" },
  { id: "zarechny", name: "Администрация г. Заречного", zone: "Europe/Moscow", thirdExecutor: true },
  { id: "omsk", name: "Администрация г. Омска", zone: "Asia/Omsk" },
  {
    id: "plastunovskaya",
    name: "Администрация Пластуновского сельского поселения",
    zone: "Europe/Moscow",
    twoTier: true,
  },
  {
    id: "nenets",
    name: "Органы власти Ненецкого автономного округа",
    zone: "Europe/Moscow",
    urgentTopics: ["ЖКХ: аварии"],
    thirdExecutor: true,
  },
];

/** The demo integrator key of an org: `dev-<org>-integrator-key` (never seed this outside dev). */
export const demoKey = (org: string) => `dev-${org}-integrator-key`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function seedDemo(db: Db): Promise<{ orgs: string[] }> {
  for (const o of demoOrgs) {
    await db
      .insert(orgs)
      .values({
        id: o.id,
        name: o.name,
        regulation: o.id,
        calendarId: "ru",
        zone: o.zone,
        urgentTopics: o.urgentTopics ?? [],
        escalationEmail: `${o.id}.supervisor@example.test`,
        appealsEmail: `${o.id}.appeals@example.test`,
        // Yuzhno-Sakhalinsk 3.2 ¶3, 3.3: the regional department of information policy.
        ...(o.id === "yuzhno-sakhalinsk" ? { regionalDepartmentEmail: "dip@example.test" } : {}),
      })
      .onConflictDoNothing();
    const deps = [
      { id: `${o.id}.housing`, orgId: o.id, name: "ЖКХ" },
      { id: `${o.id}.roads`, orgId: o.id, name: "Дороги и транспорт" },
      { id: `${o.id}.press`, orgId: o.id, name: "Пресс-служба" },
      ...(o.thirdExecutor ? [{ id: `${o.id}.social`, orgId: o.id, name: "Социальная защита" }] : []),
    ].map((d) => ({ ...d, headEmail: `${d.id}.head@example.test` }));
    await db.insert(departments).values(deps).onConflictDoNothing();
    const person = (suffix: string, roles: string[], extra: Partial<typeof staff.$inferInsert> = {}) => ({
      id: `${o.id}.${suffix}`,
      orgId: o.id,
      name: `${suffix} (${o.id})`,
      email: `${o.id}.${suffix}@example.test`,
      roles,
      ...extra,
    });
    const people = [
      person("integrator", ["integrator"]),
      ...(o.twoTier
        ? [
            person("regional-curator", ["curator"], { curatorTier: "regional" }),
            person("municipal-curator", ["curator"], {
              curatorTier: "municipal",
              departmentId: `${o.id}.press`,
            }),
          ]
        : [person("curator", ["curator"], { departmentId: `${o.id}.press` })]),
      person("executor1", ["executor"], { departmentId: `${o.id}.housing`, topics: ["ЖКХ"] }),
      person("executor2", ["executor"], { departmentId: `${o.id}.roads`, topics: ["Дороги"] }),
      ...(o.thirdExecutor
        ? [person("executor3", ["executor"], { departmentId: `${o.id}.social`, topics: ["Соцзащита"] })]
        : []),
      person("supervisor", ["supervisor"]),
      person("admin", ["admin"]),
      // The platform's admins change the national calendar (api/services/calendars.ts); dev seeds one.
      ...(o.id === "omsk" ? [person("platform-admin", ["platform-admin"])] : []),
    ];
    await db.insert(staff).values(people).onConflictDoNothing();
    // The integrator's API key, deterministic for dev only (api/README.md); stored as its sha256.
    await db
      .insert(apiKeys)
      .values({ id: `${o.id}.integrator.demo`, staffId: `${o.id}.integrator`, hash: sha256(demoKey(o.id)) })
      .onConflictDoNothing();
    const [{ n }] = (await db.execute(
      sql`select count(*)::int as n from routing_rules where org_id = ${o.id}`,
    )) as unknown as [{ n: number }];
    if (n === 0)
      await db.insert(routingRules).values([
        { orgId: o.id, topic: "ЖКХ", departmentId: `${o.id}.housing` },
        { orgId: o.id, topic: "Дороги", departmentId: `${o.id}.roads` },
      ]);
  }
  return { orgs: demoOrgs.map((o) => o.id) };
}
