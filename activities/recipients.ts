// Who is told, per duty (docs/regulations.md "who is told"; Zarechny 21–23, Nenets 27–29 name three
// different officials): a breach goes to the official who oversees the case's topic («по курируемым
// вопросам») — the org maps topics or departments to officials, with a default; the monthly report to the
// org's report recipients; the immediate report of a significant message to the head. An org that sets
// none of these keeps its one escalation address for all (Omsk, Plastunovskaya).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, type orgs } from "../db/schema";

const emails = z.array(z.email()).min(1).max(20);
const byKey = z.record(z.string().min(1).max(200), emails);

export const recipientsSchema = z
  .object({
    breach: z
      .object({
        default: emails.describe("the official told of a breach whose topic and departments are not mapped"),
        byTopic: byKey.optional().describe("topic → the official who oversees it (the first match wins)"),
        byDepartment: byKey.optional().describe("department id → the official who oversees it"),
      })
      .optional(),
    report: emails.optional().describe("the monthly report's recipients (Zarechny 22, Nenets 28)"),
    head: emails
      .optional()
      .describe("the head, told at once of a significant message (Zarechny 23, Nenets 29)"),
    regionalDepartment: emails
      .optional()
      .describe(
        "the regional department of information policy, sent every answer published or handed over (Yuzhno-Sakhalinsk 3.2 ¶3, 3.3)",
      ),
  })
  .strict();
export type Recipients = z.infer<typeof recipientsSchema>;

type Org = typeof orgs.$inferSelect;

/** The org's officials for a breach of `caseId`: by its topic, then its departments, then the default. */
export async function breachOfficials(db: Db, org: Org, caseId: string): Promise<string[]> {
  const r = (org.recipients as Recipients | null)?.breach;
  if (!r) return org.escalationEmail ? [org.escalationEmail] : [];
  const [row] = await db
    .select({ topic: cases.topic, departments: cases.departments })
    .from(cases)
    .where(eq(cases.caseId, caseId));
  const byTopic = row?.topic ? r.byTopic?.[row.topic] : undefined;
  if (byTopic) return byTopic;
  const byDepartment = (row?.departments ?? []).flatMap((d) => r.byDepartment?.[d] ?? []);
  return byDepartment.length > 0 ? byDepartment : r.default;
}

/** The head, for an immediate report of a significant (or, Plastunovskaya 24, high-importance) message. */
export const headOfficials = (org: Org): string[] =>
  (org.recipients as Recipients | null)?.head ?? (org.escalationEmail ? [org.escalationEmail] : []);

/** Where Yuzhno-Sakhalinsk's answers go on (3.2 ¶3, 3.3): the recipients' duty, else the org's own column. */
export const regionalDepartment = (org: Org): string[] =>
  (org.recipients as Recipients | null)?.regionalDepartment ??
  (org.regionalDepartmentEmail ? [org.regionalDepartmentEmail] : []);

/** The monthly report's officials (besides the staff who prepare it). */
export const reportOfficials = (org: Org): string[] =>
  (org.recipients as Recipients | null)?.report ?? (org.escalationEmail ? [org.escalationEmail] : []);
