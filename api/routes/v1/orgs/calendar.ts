// /v1/orgs/:orgId/calendar/days: the org's calendar, layered on the national one (regional holidays, local
// days off). The org's admin edits only this layer; members read it (the parent plugin checks the org).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { calendarDay, date, dayInput, dayRange, fanOut, storedDay } from "../../../schemas/calendar";
import { orgParams } from "../../../schemas/org";
import { deleteOrgDays, orgDays, putOrgDays } from "../../../services/calendars";

const security = [{ bearer: [] }];

const calendar: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/orgs/:orgId/calendar/days",
    {
      onRequest: app.authorize(),
      schema: {
        tags: ["calendars"],
        summary: "The org's calendar day by day: kind, the layer that set it, working minutes",
        security,
        params: orgParams,
        querystring: dayRange,
        response: { 200: z.array(calendarDay), ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (req) => orgDays(app.deps, actorOf(req), req.params.orgId, req.query.from, req.query.to),
  );

  app.put(
    "/orgs/:orgId/calendar/days",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["calendars"],
        summary: "Admin: upsert days of the org's own layer and re-arm the org's running cases",
        description:
          "Only this org's days and cases change. The org's running cases whose answer is due after the earliest day are signalled by the workflow `fanOut`.",
        security,
        params: orgParams,
        body: z.object({ days: z.array(dayInput).min(1).max(366) }),
        response: {
          200: z.object({ orgId: z.string(), calendarId: z.string(), days: z.array(storedDay), fanOut }),
          ...problemResponses(401, 403, 404, 422, 429, 503),
        },
      },
    },
    async (req) => putOrgDays(app.deps, actorOf(req), req.params.orgId, req.body.days),
  );

  app.delete(
    "/orgs/:orgId/calendar/days",
    {
      onRequest: app.authorize("admin"),
      schema: {
        tags: ["calendars"],
        summary: "Admin: remove days from the org's layer (the national calendar applies again)",
        security,
        params: orgParams,
        body: z.object({ dates: z.array(date).min(1).max(366) }),
        response: {
          200: z.object({ orgId: z.string(), removed: z.array(z.string()), fanOut }),
          ...problemResponses(401, 403, 404, 422, 429, 503),
        },
      },
    },
    async (req) => deleteOrgDays(app.deps, actorOf(req), req.params.orgId, req.body.dates),
  );
};
export default calendar;
