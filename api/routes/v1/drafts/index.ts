// POST /v1/drafts/check: the draft checks on a text, before it is a draft (staff of the org).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { checkRequest, checkResponse } from "../../../schemas/checks";
import { checkDraft } from "../../../services/checks";
import { assertOwnOrg } from "../../../services/orgs";

const drafts: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/drafts/check",
    {
      onRequest: app.authorize("executor", "curator", "supervisor", "admin"),
      schema: {
        tags: ["actions"],
        summary:
          "Check an answer's form (greeting, citations, bureaucratese, spelling, redirect, length) as `draft` will",
        security: [{ bearer: [] }],
        body: checkRequest,
        response: { 200: checkResponse, ...problemResponses(401, 403, 422, 429) },
      },
    },
    async (req) => {
      assertOwnOrg(actorOf(req), req.body.org);
      return checkDraft(app.deps, req.body);
    },
  );
};
export default drafts;
