import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Message, messageSchema } from "../../../../workflows/message";
import { badString } from "../../../../workflows/strings";
import type { Deps } from "../../../app";
import { actorOf } from "../../../plugins/auth";
import { toProblem } from "../../../plugins/errors";
import { HttpProblem, problemResponses, problemSchema } from "../../../problem";
import { accepted, ingest } from "../../../services/ingest";

const acceptedSchema = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  status: z.string(),
  deadlines: z
    .record(z.string(), z.string())
    .describe("step -> due instant (ISO 8601, org's zone) of the steps the regulation fixes at the start"),
});

const batchResult = z.object({
  index: z.number().int(),
  code: z.union([
    z.literal(200),
    z.literal(201),
    z.literal(403),
    z.literal(422),
    z.literal(503),
    z.literal(504),
  ]),
  result: acceptedSchema.optional(),
  problem: problemSchema.optional(),
});

const own = (org: string, m: Message) => {
  if (m.org !== org) throw new HttpProblem(403, `An integrator of '${org}' cannot start cases of '${m.org}'`);
};

const messages: FastifyPluginAsyncZod = async (app) => {
  app.addHook("onRequest", app.authorize("integrator"));

  app.post(
    "/messages",
    {
      schema: {
        tags: ["ingestion"],
        summary: "Start a case from a monitoring system's message (idempotent by org+source+externalId)",
        security: [{ apiKey: [] }, { bearer: [] }],
        body: messageSchema,
        response: {
          201: acceptedSchema.describe("A new case"),
          200: acceptedSchema.describe("The existing case (a resend)"),
          ...problemResponses(401, 403, 422, 429, 503, 504),
        },
      },
    },
    async (req, reply) => {
      own(actorOf(req).org, req.body);
      const { caseId, created, deadlines } = await ingest(app.deps, req.body);
      return reply.code(created ? 201 : 200).send(await accepted(app.deps, caseId, deadlines, created));
    },
  );

  app.post(
    "/messages/batch",
    {
      // Each item is answered on its own, a NUL in one of them too (ingestItem).
      config: { bodyStringsCheckedLater: true },
      schema: {
        tags: ["ingestion"],
        summary: "Start up to 500 cases; each item answered on its own (malformed items start nothing)",
        security: [{ apiKey: [] }, { bearer: [] }],
        body: z.object({ items: z.array(z.unknown()).min(1).max(500) }),
        response: {
          200: z.object({ results: z.array(batchResult) }),
          ...problemResponses(401, 403, 422, 429),
        },
      },
    },
    async (req) => {
      const org = actorOf(req).org;
      const results = await mapLimited(req.body.items, 8, (item, i) => ingestItem(app.deps, org, item, i));
      return { results };
    },
  );
};
export default messages;

/** One batch item: malformed items are answered 422 and never reach Temporal. */
async function ingestItem(
  deps: Deps,
  org: string,
  item: unknown,
  index: number,
): Promise<z.infer<typeof batchResult>> {
  const parsed = messageSchema.safeParse(item);
  const bad = badString(item, `items.${index}`);
  if (bad || !parsed.success) {
    const errors = bad
      ? [bad]
      : (parsed.error?.issues ?? []).map((i) => ({
          path: ["items", index, ...i.path].join("."),
          message: i.message,
        }));
    return {
      index,
      code: 422,
      problem: new HttpProblem(422, "The item is not a valid message", { errors }).toProblem(),
    };
  }
  try {
    own(org, parsed.data);
    const { caseId, created, deadlines } = await ingest(deps, parsed.data);
    return { index, code: created ? 201 : 200, result: await accepted(deps, caseId, deadlines, created) };
  } catch (e) {
    const p = toProblem(e);
    if (p.status !== 403 && p.status !== 422 && p.status !== 503 && p.status !== 504) throw e;
    return { index, code: p.status as 403 | 422 | 503 | 504, problem: p.toProblem() };
  }
}

/** Ingest with bounded concurrency: a batch must not open 500 Temporal calls at once. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
