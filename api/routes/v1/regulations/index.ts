import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { regulationPlan, regulations } from "../../../services/reference";

const instant = z.iso.datetime({ offset: true });
const plannedStep = z.object({
  budget: z.string().describe("30m, 8h or 7wd"),
  clock: z.enum(["working", "workdays", "wall"]),
  from: z.string().describe("the event that starts the step's clock"),
  dueAt: z.string().nullable().describe("null for a step that starts at a later event"),
  source: z.string().describe("the regulation's paragraph"),
});

/** The five regulations as data with citations, and the planner over them (read-only, any staff). */
const regulationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("onRequest", app.authorize());

  app.get(
    "/regulations",
    {
      schema: {
        tags: ["reference"],
        summary:
          "The regulation profiles: budgets per step and importance, roles, outcomes, each with its source",
        security: credentials,
        response: {
          200: z.array(
            z
              .object({
                id: z.string(),
                title: z.string(),
                seed: z.string(),
                zone: z.string(),
                calendar: z.string(),
              })
              .catchall(z.unknown()),
          ),
          ...problemResponses(401, 429),
        },
      },
    },
    async () => regulations(),
  );

  app.get(
    "/regulations/:regulationId/plan",
    {
      schema: {
        tags: ["reference"],
        summary: "Step budgets and the due instants a case detected at `start` would get",
        security: credentials,
        params: z.object({ regulationId: z.string().min(1) }),
        querystring: z.object({
          start: instant.describe("the message's detection instant"),
          importance: z.enum(["normal", "high"]).default("normal"),
          publishedAt: instant
            .optional()
            .describe("the message's posting instant (steps counted from posting)"),
        }),
        response: {
          200: z.object({
            regulation: z.string(),
            importance: z.enum(["normal", "high"]),
            start: z.string(),
            steps: z.record(z.string(), plannedStep),
          }),
          ...problemResponses(401, 404, 422, 429),
        },
      },
    },
    async (req) => regulationPlan(app.deps, req.params.regulationId, req.query),
  );
};
export default regulationRoutes;
