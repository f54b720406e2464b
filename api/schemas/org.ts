// Staff and org administration: departments, staff, routing rules (docs/architecture.md "Data").
import { z } from "zod";
import { roles } from "../../workflows/actions";

export const orgParams = z.object({ orgId: z.string().min(1) });
export const staffParams = orgParams.extend({ staffId: z.string().min(1) });
export const ruleParams = orgParams.extend({ ruleId: z.coerce.number().int().positive().max(2_147_483_647) });

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "lower-case letters, digits and . _ - (1-100)");

export const departmentSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  headEmail: z.string().nullable(),
});
export const newDepartment = z.object({
  id: id.describe("conventionally `<org>.<name>`"),
  name: z.string().min(1).max(200),
  headEmail: z
    .email()
    .max(320)
    .optional()
    .describe(
      "the department's head, copied on its assignments where the regulation says so (Plastunovskaya 10 ¶2)",
    ),
});

export const staffSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  departmentId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  curatorTier: z.string().nullable(),
  topics: z.array(z.string()),
  active: z.boolean(),
});

const staffFields = {
  name: z.string().min(1).max(200),
  email: z.email().nullable().optional(),
  roles: z.array(z.enum(roles)).min(1),
  departmentId: z.string().nullable().optional(),
  curatorTier: z.enum(["regional", "municipal"]).nullable().optional(),
  topics: z.array(z.string().min(1).max(200)).max(50).optional(),
};
export const newStaff = z.object({ id: id.describe("conventionally `<org>.<name>`"), ...staffFields });
export const staffPatch = z
  .object({ ...staffFields, active: z.boolean() })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change")
  .meta({ minProperties: 1 });

export const apiKeySchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable().describe("refused from then on; null: until revoked"),
    lastUsedAt: z.string().nullable().describe("the last request made with it, to the minute"),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });
export const issuedKey = apiKeySchema.extend({
  key: z.string().describe("shown once: only its sha256 is stored"),
});
export const newApiKey = z
  .object({
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("when the key stops working (ISO 8601 with offset); none: until revoked"),
  })
  .strict();
export const apiKeyParams = orgParams.extend({ keyId: z.string().min(1).max(200) });

export const ruleSchema = z.object({
  id: z.number().int(),
  orgId: z.string(),
  topic: z.string(),
  location: z.string().nullable(),
  departmentId: z.string(),
});
export const newRule = z.object({
  topic: z.string().min(1).max(200),
  location: z.string().min(1).max(300).nullable().optional(),
  departmentId: z.string().min(1),
});

export const suggestQuery = z.object({
  topic: z.string().min(1).max(200),
  location: z.string().max(300).optional(),
});
export const suggestionSchema = z.object({
  suggestions: z.array(
    z.object({
      departmentId: z.string(),
      departmentName: z.string(),
      because: z.string().describe("the routing rule or the executor's topics that matched"),
      executors: z.array(z.object({ staffId: z.string(), name: z.string() })),
    }),
  ),
});
