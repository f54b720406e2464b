// The committed openapi.json is what the routes generate (regenerate: npx tsx scripts/openapi.ts).
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { buildOfflineApp, generateOpenApi, openapiFile } from "../../scripts/openapi";
import { actionNames } from "../../workflows/actions";

test("openapi.json is up to date with the routes", async () => {
  const committed = JSON.parse(readFileSync(openapiFile, "utf8"));
  expect(committed, "stale openapi.json: run `npx tsx scripts/openapi.ts` and commit it").toEqual(
    JSON.parse(JSON.stringify(await generateOpenApi())),
  );
});

test("every action has its own route with its own body and every refusal documented", async () => {
  const spec = (await generateOpenApi()) as {
    paths: Record<
      string,
      Record<string, { requestBody?: unknown; responses: Record<string, unknown>; security?: unknown }>
    >;
  };
  for (const action of actionNames) {
    const op = spec.paths[`/v1/cases/{caseId}/actions/${action}`]?.post;
    expect(op, action).toBeDefined();
    expect(op?.requestBody, action).toBeDefined();
    expect(Object.keys(op?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "401", "403", "404", "409", "422"]),
    );
    expect(op?.security).toEqual([{ bearer: [] }]);
  }
});

test("the UI is served at /docs and the spec at /docs/json", async () => {
  const app = await buildOfflineApp();
  try {
    const ui = await app.inject({ method: "GET", url: "/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toContain("text/html");
    const json = await app.inject({ method: "GET", url: "/docs/json" });
    expect(json.json().info.title).toBe("Casework API");
  } finally {
    await app.close();
  }
});
