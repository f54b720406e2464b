// Configuration from the environment, read once by the worker, the API and the CLI (never by workflows).
// Every variable is listed in README.md "Configuration".
const env = process.env;

export const config = {
  temporal: {
    address: env.TEMPORAL_ADDRESS ?? "127.0.0.1:7233",
    namespace: env.TEMPORAL_NAMESPACE ?? "default",
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? "cases",
  },
  databaseUrl: env.DATABASE_URL ?? "",
  api: {
    host: env.HOST ?? "127.0.0.1",
    port: Number(env.PORT ?? 3000),
    /** HS256 secret for staff tokens in dev; production sets JWKS_URL instead. */
    jwtSecret: env.JWT_SECRET ?? "dev-only-secret-change-me-0123456789abcdef",
    jwksUrl: env.JWKS_URL,
    /** The longest a staff token may live from its `iat`, whatever its `exp` (a jose time span). */
    jwtMaxAge: env.JWT_MAX_AGE ?? "24h",
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    /**
     * Fastify's trustProxy: unset/false = the socket's address is the client's; `true`, a hop count, or a
     * comma list of proxy addresses/CIDRs = X-Forwarded-For from those proxies names it.
     */
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    /** The origin Temporal UI is served from: the only one allowed to call the codec endpoint. */
    temporalUiOrigin: env.TEMPORAL_UI_ORIGIN ?? "http://localhost:8233",
    /** `make dev` only: Temporal UI's codec calls act as the dev console admin (api/auth/dev-console.ts). */
    codecTrustsUi: codecTrustsUi(env),
  },
  mail: {
    /** smtp://user:pass@host:port; empty = notifications are recorded but not e-mailed. */
    smtpUrl: env.SMTP_URL ?? "",
    from: env.MAIL_FROM ?? "casework@localhost",
  },
  /**
   * Key that seals payloads in Temporal (worker/codec.ts). Rotate: move the current `id:secret` into
   * PAYLOAD_KEYS (previous keys, still opened), then set a new PAYLOAD_KEY_ID and PAYLOAD_KEY.
   */
  payloadKey: {
    id: env.PAYLOAD_KEY_ID ?? "dev",
    secret: env.PAYLOAD_KEY ?? "dev-only-payload-key-change-me",
    previous: parseKeyRing(env.PAYLOAD_KEYS ?? ""),
  },
  /** Key that seals secrets at rest in PostgreSQL: feed secrets, network tokens (db/secrets.ts). */
  secretsKey: {
    id: env.SECRETS_KEY_ID ?? "dev",
    secret: env.SECRETS_KEY ?? "dev-only-secrets-key-change-me",
  },
  /**
   * Every URL the server calls (feeds, publishers, webhooks, JWKS) must resolve to a public address unless its
   * host is listed here (activities/outbound): a proxy inside the network, a test's loopback stand-in.
   */
  outbound: {
    allowHosts: (env.OUTBOUND_ALLOW_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    maxBytes: Number(env.OUTBOUND_MAX_BYTES ?? 5 * 1024 * 1024),
    timeoutMs: Number(env.OUTBOUND_TIMEOUT_MS ?? 30_000),
  },
  /** Share of a step's budget after which the assignee is warned (docs/architecture.md: configurable). */
  warnAtShare: shareOf(env.WARN_AT_SHARE),
  /** The worker's resource bounds (README "Configuration", figures in bench/RESULTS.md "memory"). */
  worker: workerSettingsOf(env),
};

/** WARN_AT_SHARE: a share strictly between 0 and 1 (default 0.75); anything else stops the process at start. */
export function shareOf(v: string | undefined): number {
  if (v === undefined || v === "") return 0.75;
  const n = Number(v);
  if (!(n > 0 && n < 1)) throw new Error(`WARN_AT_SHARE must be a number between 0 and 1, not "${v}"`);
  return n;
}

export interface WorkerSettings {
  /** Workflows kept in the worker's sticky cache; past it the least recently used is evicted (replayed on its next task). */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (the SDK's maxConcurrentWorkflowTaskExecutions); at most maxCachedWorkflows. */
  maxConcurrentWorkflowTasks: number;
  /** Activities run at once (maxConcurrentActivityTaskExecutions). */
  maxConcurrentActivities: number;
  /** V8 old-space limit in MiB the worker process is started with (`--max-old-space-size`); 0 = Node's default. */
  maxHeapMb: number;
  /** WORKER_CPU_PROFILE_DIR: where a worker started with `workerNodeFlags` writes its CPU profiles; "" = none. */
  cpuProfileDir: string;
}

/**
 * The worker's bounds from WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
 * WORKER_MAX_CONCURRENT_ACTIVITIES and WORKER_MAX_HEAP_MB. The defaults keep a worker under 1 GB of resident
 * memory however many cases are open (bench/RESULTS.md "memory": ~440 MiB empty, ~0.7 MB per cached case
 * since the regulations are preloaded (~2 MB before), flat at ~550 MiB with 10,000 open); the SDK's own
 * default grows with the heap (2,300 cases on a 4 GB heap: 2.3–2.9 GiB before the preloading). A value that is
 * not a whole number in range is refused at start rather than read as NaN.
 */
export function workerSettingsOf(e: NodeJS.ProcessEnv): WorkerSettings {
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = e[name]?.trim();
    if (raw === undefined || raw === "") return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(
        `${name}: a whole number from ${min} to ${max} (README.md "Configuration"), not '${raw}'`,
      );
    return n;
  };
  const maxCachedWorkflows = int("WORKER_MAX_CACHED_WORKFLOWS", 150, 0, 100_000);
  const tasks = int("WORKER_MAX_CONCURRENT_WORKFLOW_TASKS", 40, 2, 1_000);
  return {
    maxCachedWorkflows,
    // The SDK lowers it to the cache size itself, with a warning; say so here instead.
    maxConcurrentWorkflowTasks:
      maxCachedWorkflows > 0 ? Math.min(tasks, Math.max(maxCachedWorkflows, 2)) : tasks,
    maxConcurrentActivities: int("WORKER_MAX_CONCURRENT_ACTIVITIES", 100, 1, 10_000),
    maxHeapMb: int("WORKER_MAX_HEAP_MB", 512, 0, 1_048_576),
    cpuProfileDir: e.WORKER_CPU_PROFILE_DIR?.trim() ?? "",
  };
}

/** The Node flags a worker process is started with (scripts/dev.ts, the Dockerfile's worker, the benchmarks). */
export function workerNodeFlags(s: WorkerSettings = config.worker): string[] {
  return [
    ...(s.maxHeapMb > 0 ? [`--max-old-space-size=${s.maxHeapMb}`] : []),
    // One V8 profile per thread when the process exits (the workflow thread is the one that bounds a worker):
    // `npx tsx scripts/profile-summary.ts <file>` reads it (README "Profiling the worker").
    ...(s.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${s.cpuProfileDir}`] : []),
  ];
}

function trustProxyOf(v: string | undefined): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (!v || v === "false") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return (_addr, hop) => hop < Number(v);
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `id:secret,id:secret` (a secret may contain ':'; an entry without one is refused). */
export function parseKeyRing(ring: string): Array<{ id: string; secret: string }> {
  return ring
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(":");
      if (at <= 0 || at === entry.length - 1) throw new Error("PAYLOAD_KEYS: each entry is <id>:<secret>");
      return { id: entry.slice(0, at), secret: entry.slice(at + 1) };
    });
}

/**
 * Whether the codec endpoint lets Temporal UI's own origin decode without a token (`CODEC_TRUSTS_UI=1`,
 * set by `make dev`, whose UI has no single sign-on). Never under NODE_ENV=production, whatever is set.
 */
export function codecTrustsUi(e: NodeJS.ProcessEnv): boolean {
  return e.NODE_ENV !== "production" && e.CODEC_TRUSTS_UI === "1";
}

/**
 * The variables a production process (NODE_ENV=production: the Docker image) must set: without them it
 * would seal authors' data, feed secrets and network tokens, or sign staff tokens, with the dev-only keys
 * printed in this file.
 */
export function missingProductionSecrets(e: NodeJS.ProcessEnv = env): string[] {
  if (e.NODE_ENV !== "production") return [];
  return [
    ...(e.PAYLOAD_KEY ? [] : ["PAYLOAD_KEY"]),
    ...(e.SECRETS_KEY ? [] : ["SECRETS_KEY"]),
    ...(e.JWT_SECRET || e.JWKS_URL ? [] : ["JWT_SECRET or JWKS_URL"]),
    ...(e.DATABASE_URL ? [] : ["DATABASE_URL"]),
  ];
}

const missing = missingProductionSecrets();
if (missing.length > 0)
  throw new Error(`NODE_ENV=production and not set: ${missing.join(", ")} (README.md "Configuration")`);
