// GET|PUT /v1/orgs/:orgId/recipients: who is told, per duty (activities/recipients.ts; docs/regulations.md
// "who is told"): breach officials by topic or department with a default, the monthly report's recipients,
// the head for immediate reports. Without them the org's one escalation address is told of everything.
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Recipients, recipientsSchema } from "../../../../activities/recipients";
import { orgs } from "../../../../db/schema";
import { problemResponses } from "../../../problem";
import { orgParams } from "../../../schemas/org";

const security = [{ bearer: [] }];
const shown = z.object({
  escalationEmail: z
    .string()
    .nullable()
    .describe("the one address used for every duty the recipients leave unset"),
  recipients: recipientsSchema,
});

const recipients: FastifyPluginAsyncZod = async (app) => {
  const read = async (orgId: string) => {
    const [o] = await app.deps.db
      .select({ escalationEmail: orgs.escalationEmail, recipients: orgs.recipients })
      .from(orgs)
      .where(eq(orgs.id, orgId));
    return {
      escalationEmail: o?.escalationEmail ?? null,
      recipients: (o?.recipients as Recipients | null) ?? {},
    };
  };

  app.get(
    "/orgs/:orgId/recipients",
    {
      onRequest: app.authorize("admin", "curator", "supervisor"),
      schema: {
        tags: ["orgs"],
        summary: "Who is told of breaches, the monthly report and significant messages",
        security,
        params: orgParams,
        response: { 200: shown, ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => read(req.params.orgId),
  );

  app.put(
    "/orgs/:orgId/recipients",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["orgs"],
        summary:
          "Set who is told, per duty (replaces the whole setting; {} returns to the escalation address)",
        security,
        params: orgParams,
        body: recipientsSchema,
        response: { 200: shown, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req) => {
      const value = Object.keys(req.body).length === 0 ? null : req.body;
      await app.deps.db.update(orgs).set({ recipients: value }).where(eq(orgs.id, req.params.orgId));
      return read(req.params.orgId);
    },
  );
};
export default recipients;
