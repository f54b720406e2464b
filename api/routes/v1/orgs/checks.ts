// /v1/orgs/:orgId/draft-checks: which draft checks run and which block, the bureaucratese threshold, the
// greeting by name, length limits and the org's own words (admin changes; curators, supervisors and
// executors read). The parent plugin checks the org.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { problemResponses } from "../../../problem";
import { checkSettingsPatch, checkSettingsSchema } from "../../../schemas/checks";
import { orgParams } from "../../../schemas/org";
import * as checksService from "../../../services/checks";

const security = [{ bearer: [] }];

const checks: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/orgs/:orgId/draft-checks",
    {
      onRequest: app.authorize("admin", "curator", "supervisor", "executor"),
      schema: {
        tags: ["orgs"],
        summary: "The org's draft checks: which run, which block `draft`, thresholds and its own words",
        security,
        params: orgParams,
        response: { 200: checkSettingsSchema, ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => checksService.getSettings(app.deps, req.params.orgId),
  );

  app.patch(
    "/orgs/:orgId/draft-checks",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["orgs"],
        summary: "Change the org's draft checks; null puts a setting back to its default",
        security,
        params: orgParams,
        body: checkSettingsPatch,
        response: { 200: checkSettingsSchema, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req) => checksService.patchSettings(app.deps, req.params.orgId, req.body),
  );
};
export default checks;
