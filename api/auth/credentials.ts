// Credentials of the API: staff bearer tokens (JWT) and integrators' API keys. Shared by the auth plugin,
// the `token` command and the tests, so a token the CLI prints is one the API accepts.
import { createHash } from "node:crypto";
import {
  createRemoteJWKSet,
  customFetch,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from "jose";
import { z } from "zod";
import { defaultOutbound } from "../../activities/outbound";
import { roles } from "../../workflows/actions";

export const ISSUER = "casework";
export const AUDIENCE = "casework-api";

/** The claims a staff token carries; the staff row in PostgreSQL stays the authority on roles. */
export const staffClaimsSchema = z.object({
  sub: z.string().min(1),
  org: z.string().min(1),
  roles: z.array(z.enum(roles)).min(1),
  department: z.string().optional(),
  tier: z.enum(["regional", "municipal"]).optional(),
});
export type StaffClaims = z.infer<typeof staffClaimsSchema>;

/** A dev token signed with the HS256 secret (production tokens come from the identity provider). */
export async function signStaffToken(
  claims: StaffClaims,
  secret: string,
  opts: { ttl?: string; expiresAt?: Date } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresAt ?? opts.ttl ?? "12h")
    .sign(new TextEncoder().encode(secret));
}

export type TokenVerifier = (token: string) => Promise<StaffClaims>;

/** The longest a token may live from its `iat` (README.md "Security"), whatever its `exp` says. */
export const defaultMaxTokenAge = "24h";

/**
 * HS256 with the shared secret in dev; RS/ES keys from `jwksUrl` in production (rotated by the IdP), fetched
 * through the outbound guard. Every token needs `exp` and `iat`, and is refused once older than `maxTokenAge`.
 */
export function tokenVerifier(opts: {
  jwtSecret: string;
  jwksUrl?: string;
  maxTokenAge?: string;
  fetch?: typeof fetch;
}): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = opts.jwksUrl
    ? createRemoteJWKSet(new URL(opts.jwksUrl), {
        [customFetch]: (url, init) => (opts.fetch ?? defaultOutbound())(url, init),
      })
    : new TextEncoder().encode(opts.jwtSecret);
  const algorithms = opts.jwksUrl ? ["RS256", "ES256", "PS256", "EdDSA"] : ["HS256"];
  const checks = {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms,
    requiredClaims: ["exp", "iat"],
    maxTokenAge: opts.maxTokenAge ?? defaultMaxTokenAge,
  };
  return async (token) => {
    const { payload } =
      key instanceof Uint8Array ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks);
    return parseClaims(payload);
  };
}

function parseClaims(payload: JWTPayload): StaffClaims {
  const parsed = staffClaimsSchema.safeParse(payload);
  if (!parsed.success)
    throw new Error(`token claims: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  return parsed.data;
}

/** API keys are stored as sha256 hex digests; the plain key is shown once, when issued. */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");
