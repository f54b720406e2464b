// POST /v1/cases/:caseId/actions/<action>: one route per action of docs/process.md, each with its own body
// schema in OpenAPI, each a Temporal Update carrying the authenticated actor.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type ActionName, actionNames, payloads } from "../../../../workflows/actions";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { caseIdParams, caseViewSchema } from "../../../schemas/case";
import { runAction } from "../../../services/actions";

const summaries: Record<ActionName, string> = {
  triage: "Curator: topic, importance and executors (two-tier: forward to the municipal curator)",
  route: "Curator: send to executors",
  reject: "Curator: no answer, by a reject ground",
  explain: "Curator: answer with an explanation instead (out of competence, abuse of right, ...)",
  link: "Curator: answer with a link to an earlier answer",
  "formal-appeal":
    "Curator: hand off as a formal appeal under 59-FZ (the author's consent), at triage or while executors work on it (Yuzhno-Sakhalinsk 3.8)",
  merge: "Curator: fold into another case",
  accept: "Executor: take the assignment",
  return: "Executor: return to the curator with a reason",
  contribute: "Co-executor: supply a part",
  draft: "Executor or composer: submit a draft (final, interim, clarification, explanation)",
  approve: "Curator of the review tier: approve the draft",
  rework: "Curator of the review tier: send the draft back with reasons",
  publish: "Publisher: confirm the posted reply's URL",
  "hand-over":
    "Publisher: hand the answer over to the regional department instead of publishing it (Yuzhno-Sakhalinsk 3.3)",
  "set-budgets":
    "Curator the regulation names: the follow-up budget after an interim answer (Omsk 11, Plastunovskaya 18)",
  reassign:
    "Curator (municipal in two tiers): a substitute takes over from absent executors; the answer clock runs on (Zarechny 7, Nenets 13, Plastunovskaya 7.2)",
  flag: "Curator or supervisor: mark the case socially significant later; the immediate report goes once (Zarechny 23, Omsk 19, Nenets 29)",
};

const actions: FastifyPluginAsyncZod = async (app) => {
  for (const action of actionNames)
    app.post(
      `/cases/:caseId/actions/${action}`,
      {
        schema: {
          tags: ["actions"],
          summary: summaries[action],
          description:
            "Refusals: 403 not your role or case, 409 not in this status, 422 invalid payload (the workflow's " +
            "reason in `detail`), 404 unknown case.",
          security: credentials,
          params: caseIdParams,
          body: payloads[action],
          response: { 200: caseViewSchema, ...problemResponses(401, 403, 404, 409, 422, 429, 503, 504) },
        },
      },
      async (req) => runAction(app.deps, actorOf(req), req.params.caseId, action, req.body as never),
    );
};
export default actions;
