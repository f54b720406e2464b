// /v1/orgs/:orgId/...: an org's departments, staff, API keys and routing rules (admin, own org only;
// curators and supervisors may read them and ask for routing suggestions).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import {
  departmentSchema,
  issuedKey,
  newDepartment,
  newStaff,
  orgParams,
  staffParams,
  staffPatch,
  staffSchema,
} from "../../../schemas/org";
import * as orgsService from "../../../services/orgs";
import feeds from "./feeds";
import networks from "./networks";
import routing from "./routing";

const security = credentials;
const readers = ["admin", "curator", "supervisor"] as const;

const orgs: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", async (req) =>
    orgsService.assertOwnOrg(actorOf(req), (req.params as { orgId: string }).orgId),
  );
  const read = { onRequest: app.authorize(...readers) };
  const write = { onRequest: app.authorize("admin") };

  app.get(
    "/orgs/:orgId/departments",
    {
      ...read,
      schema: {
        tags: ["orgs"],
        summary: "The org's departments",
        security,
        params: orgParams,
        response: { 200: z.array(departmentSchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => orgsService.listDepartments(app.deps, req.params.orgId),
  );

  app.post(
    "/orgs/:orgId/departments",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Add a department",
        security,
        params: orgParams,
        body: newDepartment,
        response: { 201: departmentSchema, ...problemResponses(401, 403, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await orgsService.createDepartment(app.deps, req.params.orgId, req.body)),
  );

  app.get(
    "/orgs/:orgId/staff",
    {
      ...read,
      schema: {
        tags: ["orgs"],
        summary: "The org's staff",
        security,
        params: orgParams,
        response: { 200: z.array(staffSchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => orgsService.listStaff(app.deps, req.params.orgId),
  );

  app.post(
    "/orgs/:orgId/staff",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Add a staff member",
        security,
        params: orgParams,
        body: newStaff,
        response: { 201: staffSchema, ...problemResponses(401, 403, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await orgsService.createStaff(app.deps, req.params.orgId, req.body)),
  );

  app.patch(
    "/orgs/:orgId/staff/:staffId",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Change a staff member (roles, department, topics; `active: false` to deactivate)",
        security,
        params: staffParams,
        body: staffPatch,
        response: { 200: staffSchema, ...problemResponses(401, 403, 404, 422, 429) },
      },
    },
    async (req) => orgsService.patchStaff(app.deps, req.params.orgId, req.params.staffId, req.body),
  );

  app.post(
    "/orgs/:orgId/staff/:staffId/api-keys",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Issue an API key for an integrator (the key is shown once)",
        security,
        params: staffParams,
        response: { 201: issuedKey, ...problemResponses(401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await orgsService.issueApiKey(app.deps, req.params.orgId, req.params.staffId)),
  );

  await app.register(routing);
  await app.register(feeds);
  await app.register(networks);
};
export default orgs;
