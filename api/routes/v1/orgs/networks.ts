// /v1/orgs/:orgId/networks: the org's accounts for publishing replies (admin, own org; the parent plugin
// checks the org). Credentials go in, never out.

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { networkAccountPut, networkAccountSchema, networkParams } from "../../../schemas/network";
import { orgParams } from "../../../schemas/org";
import * as networksService from "../../../services/networks";

const security = credentials;

const networks: FastifyPluginAsyncZod = async (app) => {
  const admin = { onRequest: app.authorize("admin") };

  app.get(
    "/orgs/:orgId/networks",
    {
      ...admin,
      schema: {
        tags: ["orgs"],
        summary: "The org's network accounts for publishing replies (no credentials)",
        security,
        params: orgParams,
        response: { 200: z.array(networkAccountSchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => networksService.listNetworks(app.deps, req.params.orgId),
  );

  app.put(
    "/orgs/:orgId/networks/:network",
    {
      ...admin,
      schema: {
        tags: ["orgs"],
        summary: "Set the org's account on a network (credentials are sealed and never returned)",
        security,
        params: networkParams,
        body: networkAccountPut,
        response: {
          200: networkAccountSchema,
          201: networkAccountSchema,
          ...problemResponses(401, 403, 422, 429),
        },
      },
    },
    async (req, reply) => {
      const { created, account } = await networksService.putNetwork(
        app.deps,
        req.params.orgId,
        req.params.network,
        req.body,
      );
      return reply.code(created ? 201 : 200).send(account);
    },
  );

  app.delete(
    "/orgs/:orgId/networks/:network",
    {
      ...admin,
      schema: {
        tags: ["orgs"],
        summary: "Remove the org's account on a network (its replies are then posted by hand)",
        security,
        params: networkParams,
        response: { 204: z.null().describe("Removed"), ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (req, reply) => {
      await networksService.deleteNetwork(app.deps, req.params.orgId, req.params.network);
      return reply.code(204).send(null);
    },
  );
};
export default networks;
