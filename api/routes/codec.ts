// The codec endpoint of Temporal's remote-codec protocol: Temporal UI (Data Encoder setting) and the CLI
// (`--codec-endpoint … --codec-auth "Bearer <token>"`) send sealed payloads and get them back readable —
// for admins only, since they carry authors' personal data (worker/codec.ts), and only payloads of the admin's
// own org's workflows: any other payload (another org's, or one bound to no workflow) is answered still sealed.
import type { Payload } from "@temporalio/common";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { config } from "../../config";
import { isSealed, payloadCodec, workflowOf } from "../../worker/codec";
import { authorizeOrDevConsole, DEV_CONSOLE } from "../auth/dev-console";
import { actorOf, credentials } from "../plugins/auth";
import { HttpProblem, problemResponses } from "../problem";
import { ownersOf } from "../services/codec-owner";

const wirePayload = z.object({
  metadata: z.record(z.string(), z.string().describe("base64")).optional(),
  data: z.string().describe("base64").optional(),
});
const body = z.object({ payloads: z.array(wirePayload).max(1000) });
type Wire = z.infer<typeof wirePayload>;

const fromWire = (p: Wire): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64")]),
  ),
  data: Buffer.from(p.data ?? "", "base64"),
});
const toWire = (p: Payload): Wire => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString("base64")]),
  ),
  data: Buffer.from(p.data ?? []).toString("base64"),
});

const codec: FastifyPluginAsyncZod = async (app) => {
  // Temporal UI calls from its own origin; only that origin may read the answers.
  app.addHook("onRequest", async (req, reply) => {
    reply.header("access-control-allow-origin", config.api.temporalUiOrigin);
    reply.header("access-control-allow-credentials", "true");
    reply.header("access-control-allow-headers", "authorization,content-type,x-namespace");
    reply.header("access-control-allow-methods", "POST,OPTIONS");
    reply.header("vary", "origin");
    if (req.method === "OPTIONS") return reply.code(204).send();
  });
  app.options("/decode", { schema: { hide: true } }, async () => undefined);
  app.options("/encode", { schema: { hide: true } }, async () => undefined);
  for (const [op, summary] of [
    ["decode", "Unseal payloads (admins): what Temporal UI shows instead of ciphertext"],
    ["encode", "Seal payloads (admins): for sending input from Temporal UI"],
  ] as const)
    app.post(
      `/${op}`,
      {
        // Under `make dev` Temporal UI's own calls act as the dev console (api/auth/dev-console.ts).
        onRequest: authorizeOrDevConsole(app, "admin"),
        schema: {
          tags: ["ops"],
          summary,
          security: credentials,
          body,
          response: { 200: body, ...problemResponses(401, 403, 422) },
        },
      },
      async (req) => {
        const payloads = req.body.payloads.map(fromWire);
        if (op === "encode") return { payloads: (await payloadCodec.encode(payloads)).map(toWire) };
        const actor = actorOf(req);
        // The dev console (make dev only) is the stack's platform admin: it reads every case.
        const everyOrg = actor === DEV_CONSOLE;
        const owners = await ownersOf(
          app.deps.db,
          payloads.map(workflowOf).filter((w): w is string => w !== undefined),
        );
        const done = await Promise.all(
          payloads.map(async (p, i) => {
            const workflowId = workflowOf(p);
            if (!isSealed(p)) return p;
            if (!everyOrg && (!workflowId || owners.get(workflowId) !== actor.org)) return p;
            try {
              return (await payloadCodec.decode([p]))[0]!;
            } catch {
              throw new HttpProblem(
                422,
                `Payload ${i} cannot be unsealed (altered, or sealed with an unknown key)`,
                {
                  errors: [{ path: `body.payloads.${i}`, message: "cannot be unsealed" }],
                },
              );
            }
          }),
        );
        return { payloads: done.map(toWire) };
      },
    );
};
export default codec;
