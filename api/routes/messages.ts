import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { getCase } from "../../workflows/case";
import { messageSchema } from "../../workflows/message";
import { problemResponses } from "../problem";
import { ingest } from "../services/ingest";

const accepted = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  status: z.string(),
});

const messages: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/messages",
    {
      schema: {
        tags: ["ingestion"],
        summary: "Start a case from a monitoring system's message (idempotent by org+source+externalId)",
        body: messageSchema,
        response: {
          201: accepted.describe("A new case"),
          200: accepted.describe("The existing case"),
          ...problemResponses(401, 403, 422, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const { caseId, created } = await ingest(app.deps, req.body);
      const view = await app.deps.temporal.workflow.getHandle(caseId).query(getCase);
      return reply.code(created ? 201 : 200).send({ caseId, workflowId: caseId, status: view.status });
    },
  );
};
export default messages;
