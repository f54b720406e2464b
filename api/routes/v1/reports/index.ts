// /v1/reports/monthly: the org's stored monthly report as JSON, CSV or XLSX by Accept, and (re)generating it.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { XLSX } from "../../../../activities/reports/formats";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import { monthlyReportSchema, reportQuery, reportRequest } from "../../../schemas/report";
import { negotiate, readReport, regenerateReport } from "../../../services/reports";

const security = credentials;

const reports: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/reports/monthly",
    {
      onRequest: app.authorize("supervisor", "curator", "admin"),
      schema: {
        tags: ["reports"],
        summary: "The org's monthly report: JSON, CSV or XLSX by Accept",
        description:
          "Cases received in the month (local midnights of the org's zone) with the previous month and the " +
          "change. `Accept: text/csv` gives one table (section, key, label, metric, value, previous, change); " +
          `\`Accept: ${XLSX}\` a workbook with a sheet per section and a Chart sheet. 404 until the month's ` +
          "report is generated (the org's Schedule on the 1st at 06:00 local, or POST). Another org: 403.",
        security,
        querystring: reportQuery,
        response: {
          200: {
            description: "The report",
            content: {
              "application/json": { schema: monthlyReportSchema },
              "text/csv": { schema: z.string() },
              [XLSX]: { schema: z.string().describe("binary") },
            },
          },
          ...problemResponses(401, 403, 404, 422, 429),
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const format = negotiate(req.headers.accept);
      const out = await readReport(app.deps, actor, req.query.org ?? actor.org, req.query.month, format);
      reply.header("vary", "accept").type(out.type);
      if (format !== "json") reply.header("content-disposition", `attachment; filename="${out.name}"`);
      // XLSX is a Buffer, which Fastify sends as it is; the schema's string documents the binary body.
      return reply.send(out.body as Exclude<typeof out.body, Buffer>);
    },
  );

  app.post(
    "/reports/monthly",
    {
      onRequest: app.authorize("admin", "supervisor"),
      schema: {
        tags: ["reports"],
        summary: "Generate the month's report now (again), and e-mail it if it was not e-mailed before",
        description:
          "Runs the report workflow `monthly-report-<org>-<month>` and waits for it; a run already under way " +
          "is joined. The recipients get the month's e-mail once, however often it is regenerated.",
        security,
        body: reportRequest,
        response: {
          200: z.object({
            org: z.string(),
            month: z.string(),
            cases: z.number().int(),
            mailed: z.number().int().describe("recipients e-mailed through SMTP by this run"),
            recorded: z
              .number()
              .int()
              .describe("recipients whose e-mail was only recorded: no SMTP_URL, nothing sent"),
            at: z.string().describe("the instant the run counts from"),
          }),
          ...problemResponses(401, 403, 422, 429, 503, 504),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return regenerateReport(app.deps, actor, req.body.org ?? actor.org, req.body.month);
    },
  );
};
export default reports;
