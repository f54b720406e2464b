// No Docker engine runs here: check what can be checked of docker-compose.yml and the Dockerfile.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true });
const services = compose.services as Record<string, Record<string, unknown>>;

describe("docker-compose.yml", () => {
  test("has the services of docs/architecture.md", () => {
    expect(Object.keys(services).sort()).toEqual([
      "api",
      "postgres",
      "setup",
      "temporal",
      "temporal-ui",
      "worker",
    ]);
  });

  test("Temporal persists to PostgreSQL and the UI points at it", () => {
    const env = services.temporal!.environment as Record<string, string>;
    expect(env.DB).toBe("postgres12");
    expect(env.POSTGRES_SEEDS).toBe("postgres");
    expect((services["temporal-ui"]!.environment as Record<string, string>).TEMPORAL_ADDRESS).toBe(
      "temporal:7233",
    );
  });

  test("publishes the API, Temporal and the UI on the documented ports", () => {
    expect(services.api!.ports).toContain("3000:3000");
    expect(services.temporal!.ports).toContain("7233:7233");
    expect(services["temporal-ui"]!.ports).toContain("8233:8080");
  });

  test("worker and API get Temporal and the database, and start only after setup succeeded", () => {
    for (const name of ["worker", "api"]) {
      const env = services[name]!.environment as Record<string, string>;
      expect(env.TEMPORAL_ADDRESS).toBe("temporal:7233");
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/casework:.*@postgres:5432\/casework$/);
      expect((services[name]!.depends_on as Record<string, { condition: string }>).setup!.condition).toBe(
        "service_completed_successfully",
      );
    }
    expect(services.setup!.command).toEqual(["worker/setup.ts"]);
  });

  test("stateful services have healthchecks that gate their dependants", () => {
    for (const name of ["postgres", "temporal", "api"]) expect(services[name]!.healthcheck).toBeDefined();
    expect((services.temporal!.depends_on as Record<string, { condition: string }>).postgres!.condition).toBe(
      "service_healthy",
    );
  });

  test("the app services cannot start without their own keys (no dev-only key in a deployment)", () => {
    const raw = parse(readFileSync("docker-compose.yml", "utf8")) as { "x-app-env": Record<string, string> };
    for (const key of ["JWT_SECRET", "PAYLOAD_KEY", "SECRETS_KEY"])
      expect(raw["x-app-env"][key], key).toBe(`\${${key}:?set ${key}}`);
    for (const name of ["setup", "worker", "api"]) {
      const env = services[name]!.environment as Record<string, string>;
      expect(Object.keys(env)).toEqual(expect.arrayContaining(["PAYLOAD_KEY", "SECRETS_KEY", "JWT_SECRET"]));
    }
  });

  test("the worker scales out (replicas) and is bounded by the WORKER_* settings, its heap flag included", () => {
    const w = services.worker!;
    expect((w.deploy as { replicas: string }).replicas).toBe(`\${WORKER_REPLICAS:-1}`);
    expect(w.ports).toBeUndefined(); // N replicas on one host: nothing to bind twice
    const env = w.environment as Record<string, string>;
    for (const k of [
      "WORKER_MAX_CACHED_WORKFLOWS",
      "WORKER_MAX_CONCURRENT_WORKFLOW_TASKS",
      "WORKER_MAX_HEAP_MB",
    ])
      expect(env[k], k).toMatch(new RegExp(`^\\$\\{${k}:-\\d+\\}$`));
    expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=\${WORKER_MAX_HEAP_MB:-512}`);
    expect(env.TEMPORAL_TASK_QUEUE).toBe("cases");
  });

  test("every command the app services run exists in the repository", () => {
    for (const name of ["setup", "worker", "api"]) {
      const [entry] = services[name]!.command as string[];
      expect(() => readFileSync(entry!)).not.toThrow();
    }
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync("Dockerfile", "utf8");
  test("is multi-stage on Node 24 LTS and runs as a non-root user", () => {
    expect(dockerfile.match(/^FROM node:24[^\s]* AS \w+/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER app$/m);
  });
  test("copies every source folder the services import", () => {
    for (const dir of ["calendars", "regulations", "workflows", "activities", "worker", "api", "db"])
      expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
  });
});
