import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { putOverrides } from "../../../services/calendars";

const calendarParams = z.object({ calendarId: z.string().regex(/^[a-z0-9_-]{1,50}$/) });
const date = z.iso.date().describe("YYYY-MM-DD");
const kind = z.enum(["working", "shortened", "non_working"]);
const override = z.object({ date, kind, reason: z.string().min(1).max(500) });

const calendars: FastifyPluginAsyncZod = async (app) => {
  app.put(
    "/calendars/:calendarId/overrides",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["calendars"],
        summary:
          "Upsert days of a production calendar (a decree moved them) and re-arm running cases' deadlines",
        description:
          "Admin of an org that works by this calendar. `signalled` counts the running cases told.",
        security: [{ bearer: [] }],
        params: calendarParams,
        body: z.object({ overrides: z.array(override).min(1).max(366) }),
        response: {
          200: z.object({
            calendarId: z.string(),
            overrides: z.array(override.extend({ by: z.string(), at: z.string() })),
            signalled: z.number().int(),
          }),
          ...problemResponses(401, 403, 422, 429, 503),
        },
      },
    },
    async (req) => putOverrides(app.deps, actorOf(req), req.params.calendarId, req.body.overrides),
  );
};
export default calendars;
