import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { putOverrides } from "../../../services/calendars";
import { calendarDays } from "../../../services/reference";

const calendarParams = z.object({ calendarId: z.string().regex(/^[a-z0-9_-]{1,50}$/) });
const date = z.iso.date().describe("YYYY-MM-DD");
const kind = z.enum(["working", "shortened", "non_working"]);
const override = z.object({ date, kind, reason: z.string().min(1).max(500) });

const calendars: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/calendars/:calendarId/days",
    {
      onRequest: app.authorize(),
      schema: {
        tags: ["reference"],
        summary:
          "Days of a production calendar with the run-time overrides applied, and their working minutes",
        description: "Working minutes under the default schedule (Mon–Fri 09:00–13:00, 14:00–18:00).",
        security: credentials,
        params: calendarParams,
        querystring: z.object({ from: date, to: date.describe("inclusive; at most 366 days after from") }),
        response: {
          200: z.array(
            z.object({
              date: z.string(),
              kind,
              provisional: z.boolean().describe("the year's decree is not published yet"),
              note: z.string().optional(),
              workingMinutes: z.number().int(),
            }),
          ),
          ...problemResponses(401, 404, 422, 429),
        },
      },
    },
    async (req) => calendarDays(app.deps, req.params.calendarId, req.query.from, req.query.to),
  );

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
        security: credentials,
        params: calendarParams,
        body: z.object({ overrides: z.array(override).min(1).max(366) }),
        response: {
          200: z.object({
            calendarId: z.string(),
            overrides: z.array(override.extend({ by: z.string(), at: z.string() })),
            signalled: z.number().int(),
          }),
          ...problemResponses(401, 403, 422, 429, 503, 504),
        },
      },
    },
    async (req) => putOverrides(app.deps, actorOf(req), req.params.calendarId, req.body.overrides),
  );
};
export default calendars;
