import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import {
  caseIdParams,
  caseListQuery,
  caseListSchema,
  caseViewSchema,
  duplicatesQuery,
  duplicatesSchema,
  timelineSchema,
} from "../../../schemas/case";
import { listCases, readCase, timeline } from "../../../services/cases";
import { suggestDuplicates } from "../../../services/duplicates";
import actions from "./actions";

const security = credentials;

const cases: FastifyPluginAsyncZod = async (app) => {
  app.addHook("onRequest", app.authorize());

  app.get(
    "/cases",
    {
      schema: {
        tags: ["cases"],
        summary: "Your org's cases from the read model, newest first (an executor: its department's)",
        security,
        querystring: caseListQuery,
        response: { 200: caseListSchema, ...problemResponses(401, 403, 422, 429, 503) },
      },
    },
    async (req) => listCases(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/cases/:caseId",
    {
      schema: {
        tags: ["cases"],
        summary: "The case live from its workflow (from the read model once it is closed)",
        description:
          "Header `case-source` says which: `workflow` or `read-model`. Another org's case is 404.",
        security,
        params: caseIdParams,
        response: { 200: caseViewSchema, ...problemResponses(401, 403, 404, 429, 503, 504) },
      },
    },
    async (req, reply) => {
      const { view, source } = await readCase(app.deps, actorOf(req), req.params.caseId);
      return reply.header("case-source", source).send(view);
    },
  );

  app.get(
    "/cases/:caseId/timeline",
    {
      schema: {
        tags: ["cases"],
        summary: "The case's audit trail, in order",
        security,
        params: caseIdParams,
        response: { 200: timelineSchema, ...problemResponses(401, 403, 404, 429, 503, 504) },
      },
    },
    async (req) => timeline(app.deps, actorOf(req), req.params.caseId),
  );

  app.get(
    "/cases/:caseId/duplicates",
    {
      schema: {
        tags: ["cases"],
        summary: "Open cases of your org that are likely the same problem, for `merge`",
        description:
          "Evidence: the same post or thread (URL), the same author and topic within the window, near-identical text (Jaccard of word 3-shingles >= 0.7). Best first.",
        security,
        params: caseIdParams,
        querystring: duplicatesQuery,
        response: { 200: duplicatesSchema, ...problemResponses(401, 403, 404, 422, 429, 503) },
      },
    },
    async (req) => suggestDuplicates(app.deps, actorOf(req), req.params.caseId, req.query),
  );

  await app.register(actions);
};
export default cases;
