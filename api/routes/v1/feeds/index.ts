// /v1/feeds/:feedId/...: a push feed's signed webhook (no staff credentials: the HMAC signature is the
// credential) and the feed's item log for the staff of its org.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signatureHeader, timestampHeader } from "../../../../activities/feeds";
import { actorOf } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { feedItemsQuery, feedItemsSchema, feedParams, webhookResult } from "../../../schemas/feed";
import { receiveDelivery } from "../../../services/feed-webhook";
import { listItems } from "../../../services/feeds";

const feeds: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/feeds/:feedId/items",
    {
      onRequest: app.authorize("admin", "integrator", "supervisor"),
      schema: {
        tags: ["feeds"],
        summary:
          "What the feed delivered, newest first: accepted (with the case), duplicate, rejected (with the reason)",
        security: [{ bearer: [] }, { apiKey: [] }],
        params: feedParams,
        querystring: feedItemsQuery,
        response: { 200: feedItemsSchema, ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (req) => listItems(app.deps, actorOf(req), req.params.feedId, req.query),
  );

  await app.register(webhook);
};
export default feeds;

/** The webhook reads its body as bytes whatever the content type: the signature is over the raw body. */
const webhook: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.post(
    "/feeds/:feedId/webhook",
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ["feeds"],
        summary:
          "A push feed's delivery: one item, an array, or {items: [...]}, signed with the feed's secret",
        description: [
          `Headers: \`${timestampHeader}: <unix seconds>\` and \`${signatureHeader}: sha256=<hex>\`, the hex`,
          "HMAC-SHA256 under the feed's secret of `<timestamp>.<raw body>`. A timestamp more than 5 minutes",
          "away, a wrong signature or a delivery received before: 401. Each item is mapped by the feed's",
          "mapping; a bad item is recorded as rejected with the reason and the others are still ingested.",
          "A paused feed, or the same request while it is still being received: 409 (send it again later).",
        ].join(" "),
        params: feedParams,
        headers: z.object({
          [timestampHeader]: z.string().optional(),
          [signatureHeader]: z.string().optional(),
        }),
        response: {
          200: webhookResult.describe("Every item's outcome"),
          ...problemResponses(400, 401, 404, 409, 422, 429, 503),
        },
      },
    },
    async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return receiveDelivery(app.deps, req.params.feedId, req.headers, raw);
    },
  );
};
