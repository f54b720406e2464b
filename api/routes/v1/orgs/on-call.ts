// GET|PUT /v1/orgs/:orgId/departments/:departmentId/on-call: the department's on-call list (Yuzhno-Sakhalinsk
// 3.9: «определить список лиц (с номерами сотовых телефонов), ответственных за предоставление официальных
// комментариев (в рабочее и нерабочее время)»; docs/regulations.md "Yuzhno-Sakhalinsk emergencies"). An
// emergency assignment to the department's executors is also e-mailed to the people with an address, and the
// whole list (phones) travels with the notice to the org's webhook (activities/notify.ts).
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { departments } from "../../../../db/schema";
import { credentials } from "../../../plugins/auth";
import { HttpProblem, problemResponses } from "../../../problem";
import { orgParams } from "../../../schemas/org";

const params = orgParams.extend({ departmentId: z.string().min(1).max(200) });
const person = z
  .object({
    name: z.string().min(1).max(200),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, "a phone number like +7 900 000-00-00")
      .describe("the mobile phone (3.9 «с номерами сотовых телефонов»)"),
    email: z.email().max(300).optional().describe("gets the emergency assignment by e-mail"),
    hours: z
      .enum(["working", "non-working", "always"])
      .describe("when this person is on call (3.9 «в рабочее и нерабочее время»)"),
  })
  .strict();
const list = z
  .object({ departmentId: z.string(), people: z.array(person) })
  .meta({ id: "OnCallList", description: "A department's on-call list (Yuzhno-Sakhalinsk 3.9)" });
const body = z.object({ people: z.array(person).max(50) }).strict();

const onCall: FastifyPluginAsyncZod = async (app) => {
  const read = async (orgId: string, departmentId: string) => {
    const [d] = await app.deps.db
      .select({ onCall: departments.onCall })
      .from(departments)
      .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
    if (!d) throw new HttpProblem(404, `No department '${departmentId}' in ${orgId}`);
    return { departmentId, people: d.onCall };
  };

  app.get(
    "/orgs/:orgId/departments/:departmentId/on-call",
    {
      onRequest: app.authorize("admin", "curator", "supervisor"),
      schema: {
        tags: ["orgs"],
        summary: "The department's on-call list for emergencies (Yuzhno-Sakhalinsk 3.9)",
        security: credentials,
        params,
        response: { 200: list, ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (req) => read(req.params.orgId, req.params.departmentId),
  );

  app.put(
    "/orgs/:orgId/departments/:departmentId/on-call",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["orgs"],
        summary: "Set the department's on-call list (replaces it; [] empties it)",
        security: credentials,
        params,
        body,
        response: { 200: list, ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (req) => {
      const { orgId, departmentId } = req.params;
      const done = await app.deps.db
        .update(departments)
        .set({ onCall: req.body.people })
        .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)))
        .returning({ id: departments.id });
      if (done.length === 0) throw new HttpProblem(404, `No department '${departmentId}' in ${orgId}`);
      return read(orgId, departmentId);
    },
  );
};
export default onCall;
