import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { feedPatch, feedSchema, newFeed, orgFeedParams } from "../../../schemas/feed";
import { orgParams } from "../../../schemas/org";
import * as feedsService from "../../../services/feeds";

const security = credentials;

/** Monitoring feeds of the org (README.md "Monitoring feeds"): admins configure, integrators may read. */
const feeds: FastifyPluginAsyncZod = async (app) => {
  const read = { onRequest: app.authorize("admin", "integrator", "supervisor") };
  const write = { onRequest: app.authorize("admin") };

  app.get(
    "/orgs/:orgId/feeds",
    {
      ...read,
      schema: {
        tags: ["feeds"],
        summary: "The org's monitoring feeds (secrets are never returned)",
        security,
        params: orgParams,
        response: { 200: z.array(feedSchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => feedsService.listFeeds(app.deps, req.params.orgId),
  );

  app.get(
    "/orgs/:orgId/feeds/:feedId",
    {
      ...read,
      schema: {
        tags: ["feeds"],
        summary: "One feed",
        security,
        params: orgFeedParams,
        response: { 200: feedSchema, ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (req) => feedsService.getFeed(app.deps, req.params.orgId, req.params.feedId),
  );

  app.post(
    "/orgs/:orgId/feeds",
    {
      ...write,
      schema: {
        tags: ["feeds"],
        summary:
          "Add a push feed (signed webhook) or a pull feed (polled on a Temporal Schedule `feed-<id>`)",
        security,
        params: orgParams,
        body: newFeed,
        response: { 201: feedSchema, ...problemResponses(401, 403, 409, 422, 429, 503, 504) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await feedsService.createFeed(app.deps, req.params.orgId, req.body)),
  );

  app.patch(
    "/orgs/:orgId/feeds/:feedId",
    {
      ...write,
      schema: {
        tags: ["feeds"],
        summary: "Change a feed: secret, mapping, url, interval, cursor; `active: false` pauses it",
        security,
        params: orgFeedParams,
        body: feedPatch,
        response: { 200: feedSchema, ...problemResponses(401, 403, 404, 422, 429, 503, 504) },
      },
    },
    async (req) => feedsService.patchFeed(app.deps, req.params.orgId, req.params.feedId, req.body),
  );

  app.delete(
    "/orgs/:orgId/feeds/:feedId",
    {
      ...write,
      schema: {
        tags: ["feeds"],
        summary: "Remove a feed, its Schedule and its item log (the cases it started stay)",
        security,
        params: orgFeedParams,
        response: { 204: z.null().describe("Removed"), ...problemResponses(401, 403, 404, 429, 503, 504) },
      },
    },
    async (req, reply) => {
      await feedsService.deleteFeed(app.deps, req.params.orgId, req.params.feedId);
      return reply.code(204).send(null);
    },
  );
};
export default feeds;
