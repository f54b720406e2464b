// /v1/calendars/:calendarId: the national production calendar. Anyone signed in reads it; only a platform
// admin (`platform-admin`, not an org admin) changes it, by overrides or by importing a decree file.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import {
  calendarDay,
  calendarParams,
  dayInput,
  dayRange,
  fanOut,
  importResult,
  storedDay,
} from "../../../schemas/calendar";
import { importCalendar, listVersions, putOverrides } from "../../../services/calendars";
import { calendarDays } from "../../../services/reference";

const calendars: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/calendars/:calendarId/days",
    {
      onRequest: app.authorize(),
      schema: {
        tags: ["reference"],
        summary:
          "Days of the national production calendar (imported decrees and national overrides applied), and their working minutes",
        description:
          "Working minutes under the default schedule (Mon–Fri 09:00–13:00, 14:00–18:00). An org's own days: `GET /v1/orgs/:orgId/calendar/days`.",
        security: credentials,
        params: calendarParams,
        querystring: dayRange,
        response: { 200: z.array(calendarDay), ...problemResponses(401, 404, 422, 429) },
      },
    },
    async (req) => calendarDays(app.deps, req.params.calendarId, req.query.from, req.query.to),
  );

  app.put(
    "/calendars/:calendarId/overrides",
    {
      onRequest: app.authorize("platform-admin"),
      schema: {
        tags: ["calendars"],
        summary: "Platform admin: upsert national days (an emergency decree) and re-arm the running cases",
        description:
          "Every org on the calendar counts by them. The running cases whose answer is due after the earliest day are signalled in bounded pages by the workflow `fanOut`. An org's own days: `PUT /v1/orgs/:orgId/calendar/days`.",
        security: credentials,
        params: calendarParams,
        body: z.object({ overrides: z.array(dayInput).min(1).max(366) }),
        response: {
          200: z.object({ calendarId: z.string(), overrides: z.array(storedDay), fanOut }),
          ...problemResponses(401, 403, 404, 422, 429, 503, 504),
        },
      },
    },
    async (req) => putOverrides(app.deps, actorOf(req), req.params.calendarId, req.body.overrides),
  );

  app.get(
    "/calendars/:calendarId/versions",
    {
      onRequest: app.authorize("platform-admin", "admin"),
      schema: {
        tags: ["calendars"],
        summary: "The decree years imported into the national calendar, newest first",
        description: "The latest version of each year is in force; a year never imported is the shipped one.",
        security: [{ bearer: [] }],
        params: calendarParams,
        response: {
          200: z.array(
            z.object({
              version: z.number().int(),
              year: z.number().int(),
              by: z.string(),
              at: z.string(),
              source: z.string(),
            }),
          ),
          ...problemResponses(401, 403, 429),
        },
      },
    },
    async (req) => listVersions(app.deps, req.params.calendarId),
  );

  app.post(
    "/calendars/:calendarId/imports",
    {
      onRequest: app.authorize("platform-admin"),
      schema: {
        tags: ["calendars"],
        summary:
          "Platform admin: import a year's decree (an xmlcalendar calendar.xml) as a new national version",
        description:
          "The file is validated (one year, every date once, known day types and holidays); the year then replaces the shipped or provisional one, and the running cases it can move are re-armed through the workflow `fanOut`. The same as `npx tsx cli/main.ts calendar import <file.xml>`.",
        security: [{ bearer: [] }],
        params: calendarParams,
        body: z.object({ xml: z.string().min(1).max(200_000).describe("the calendar.xml file's text") }),
        response: { 201: importResult, ...problemResponses(401, 403, 404, 422, 429, 503) },
      },
    },
    async (req, reply) => {
      const result = await importCalendar(app.deps, actorOf(req), req.params.calendarId, req.body.xml);
      return reply.code(201).send({ ...result, fanOut: result.fanOut ?? null });
    },
  );
};
export default calendars;
