import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import {
  newRule,
  orgParams,
  ruleParams,
  ruleSchema,
  suggestionSchema,
  suggestQuery,
} from "../../../schemas/org";
import * as orgsService from "../../../services/orgs";

const security = credentials;

/** Routing rules (topic/location -> department) and the executors they suggest at triage. */
const routing: FastifyPluginAsyncZod = async (app) => {
  const read = { onRequest: app.authorize("admin", "curator", "supervisor") };
  const write = { onRequest: app.authorize("admin") };

  app.get(
    "/orgs/:orgId/routing/suggest",
    {
      ...read,
      schema: {
        tags: ["orgs"],
        summary: "Executors to suggest at triage for a topic (and location)",
        security,
        params: orgParams,
        querystring: suggestQuery,
        response: { 200: suggestionSchema, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req) => orgsService.suggest(app.deps, req.params.orgId, req.query.topic, req.query.location),
  );

  app.get(
    "/orgs/:orgId/routing-rules",
    {
      ...read,
      schema: {
        tags: ["orgs"],
        summary: "The org's routing rules",
        security,
        params: orgParams,
        response: { 200: z.array(ruleSchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => orgsService.listRules(app.deps, req.params.orgId),
  );

  app.post(
    "/orgs/:orgId/routing-rules",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Add a routing rule (a location narrows it)",
        security,
        params: orgParams,
        body: newRule,
        response: { 201: ruleSchema, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await orgsService.createRule(app.deps, req.params.orgId, req.body)),
  );

  app.delete(
    "/orgs/:orgId/routing-rules/:ruleId",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Remove a routing rule",
        security,
        params: ruleParams,
        response: { 204: z.null().describe("Removed"), ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      await orgsService.deleteRule(app.deps, req.params.orgId, req.params.ruleId);
      return reply.code(204).send(null);
    },
  );
};
export default routing;
