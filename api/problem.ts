// RFC 9457 problem details: every refusal says what was wrong, with a machine-readable type.
import { z } from "zod";
import { findingSchema } from "../workflows/actions";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    findings: z
      .array(findingSchema)
      .optional()
      .describe("a draft refused by the org's draft checks: the findings that block it"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, [string, string]> = {
  400: ["bad-request", "Bad request"],
  401: ["unauthorized", "Authentication required"],
  403: ["forbidden", "Not allowed for this actor"],
  404: ["not-found", "Not found"],
  405: ["method-not-allowed", "Method not allowed on this path"],
  409: ["wrong-state", "Not allowed in the case's current state"],
  422: ["invalid-payload", "The payload is not valid"],
  429: ["rate-limited", "Too many requests"],
  500: ["internal", "Internal error"],
  503: ["unavailable", "A dependency is unavailable"],
  504: ["timeout", "Temporal did not answer in time"],
};

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { type?: string; errors?: Problem["errors"]; findings?: Problem["findings"] } = {},
  ) {
    super(detail);
  }
  toProblem(instance?: string): Problem {
    const [slug, title] = titles[this.status] ?? ["error", "Error"];
    return {
      type: `https://casework.dev/problems/${this.extra.type ?? slug}`,
      title,
      status: this.status,
      detail: this.detail,
      instance,
      errors: this.extra.errors,
      findings: this.extra.findings,
    };
  }
}

/** Route response entries for these codes: application/problem+json with the Problem schema. */
export const problemResponses = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      {
        description: titles[c]?.[1] ?? "Error",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
