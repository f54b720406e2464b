// /v1/orgs/:orgId/...: an org's departments, staff, API keys, routing rules and recipients (admin, own org only;
// curators and supervisors may read them and ask for routing suggestions).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, credentials } from "../../../plugins/auth";
import { problemResponses } from "../../../problem";
import {
  apiKeyParams,
  apiKeySchema,
  departmentSchema,
  issuedKey,
  newApiKey,
  newDepartment,
  newStaff,
  orgParams,
  staffParams,
  staffPatch,
  staffSchema,
} from "../../../schemas/org";
import * as orgsService from "../../../services/orgs";
import calendar from "./calendar";
import checks from "./checks";
import feeds from "./feeds";
import networks from "./networks";
import onCall from "./on-call";
import recipients from "./recipients";
import routing from "./routing";

const security = credentials;
const readers = ["admin", "curator", "supervisor"] as const;

const orgs: FastifyPluginAsyncZod = async (app) => {
  // Another org's resources are refused before the body is validated (403, never a 422 about another org's
  // data); the actor is known from the auth plugin's onRequest hook, a request without one meets `authorize`'s
  // 401 next. The handler-level check stays as the guarantee.
  app.addHook("onRequest", async (req) => {
    if (req.actor) orgsService.assertOwnOrg(req.actor, (req.params as { orgId: string }).orgId);
  });
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
        summary:
          "Issue an API key for an integrator (the key is shown once; it grants the integrator role only)",
        security,
        params: staffParams,
        body: newApiKey.nullish(),
        response: { 201: issuedKey, ...problemResponses(401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await orgsService.issueApiKey(app.deps, req.params.orgId, req.params.staffId, req.body ?? {})),
  );

  app.get(
    "/orgs/:orgId/api-keys",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "The org's API keys: expiry, last use, revocation (never the key)",
        security,
        params: orgParams,
        response: { 200: z.array(apiKeySchema), ...problemResponses(401, 403, 429) },
      },
    },
    async (req) => orgsService.listApiKeys(app.deps, req.params.orgId),
  );

  app.delete(
    "/orgs/:orgId/api-keys/:keyId",
    {
      ...write,
      schema: {
        tags: ["orgs"],
        summary: "Revoke an API key now (it stays listed with revokedAt)",
        security,
        params: apiKeyParams,
        response: { 200: apiKeySchema, ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (req) => orgsService.revokeApiKey(app.deps, req.params.orgId, req.params.keyId),
  );

  await app.register(routing);
  await app.register(feeds);
  await app.register(networks);
  await app.register(recipients);
  await app.register(onCall);
  await app.register(checks);
  await app.register(calendar);
};
export default orgs;
