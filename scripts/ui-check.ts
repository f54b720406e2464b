// `make ui-check`: the screenshot test of the admin console (README "Operating it"). It starts a stack with
// `make dev`'s settings on free ports (Temporal dev server with its UI and `--ui-codec-endpoint`, embedded
// PostgreSQL, the worker and the API as child processes with CODEC_TRUSTS_UI=1), delivers a message,
// opens the running case in Temporal UI with headless Chromium (Debian's `chromium`, driven over the
// DevTools protocol) and checks that the page shows the message text (decoded through the API's /codec)
// and the clock loop's named timer, and its User Metadata tab the current details (status, who acts). The
// pages are saved as .data/ui-check/case.png and details.png, their text as case.txt and details.txt.
// Exit code 0 only when both are found. Run with `node --experimental-websocket` (Node 20's WebSocket).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { dataConverter } from "../worker/codec";
import { dataDir, freePort, root, startEmbeddedPostgres, startTemporal, waitForPort } from "./stack";

const TEXT = "Когда починят дорогу на ул. Ленина?";
const out = path.join(dataDir, "ui-check");
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chromium(): string {
  for (const bin of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (bin && existsSync(bin)) return bin;
  throw new Error("no Chromium: install Debian's (apt-get install chromium) or set CHROMIUM to its path");
}

type Call = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** A headless Chromium driven over the DevTools protocol. */
async function browser(): Promise<{ call: Call; close: () => Promise<void> }> {
  const port = await freePort();
  const proc = spawn(
    chromium(),
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--hide-scrollbars",
      "--window-size=1440,1800",
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${path.join(out, "profile")}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  await waitForPort(port, "Chromium");
  let ws: string | undefined;
  for (const until = Date.now() + 20_000; !ws && Date.now() < until; ) {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      type: string;
      webSocketDebuggerUrl: string;
    }>;
    ws = targets.find((t) => t.type === "page")?.webSocketDebuggerUrl;
    if (!ws) await pause(200);
  }
  if (!ws) throw new Error("Chromium opened no page");
  const socket = new WebSocket(ws);
  await new Promise((ok, fail) => {
    socket.onopen = ok;
    socket.onerror = fail;
  });
  let id = 0;
  const waiting = new Map<number, (m: { result?: Record<string, unknown>; error?: unknown }) => void>();
  socket.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as {
      id?: number;
      result?: Record<string, unknown>;
      error?: unknown;
    };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  };
  const call: Call = (method, params = {}) =>
    new Promise((ok, fail) => {
      id += 1;
      waiting.set(id, (m) =>
        m.error ? fail(new Error(`${method}: ${JSON.stringify(m.error)}`)) : ok(m.result ?? {}),
      );
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    call,
    close: async () => {
      socket.close();
      proc.kill("SIGTERM");
      if (proc.exitCode === null) await new Promise((r) => proc.once("exit", r));
    },
  };
}

/** Opens `url`, waits (up to 60 s) until the page's text holds every one of `wanted`, saves a screenshot. */
async function pageShows(url: string, wanted: string[], png: string) {
  const b = await browser();
  try {
    await b.call("Page.enable");
    await b.call("Page.navigate", { url });
    let text = "";
    let found = wanted.map(() => false);
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const r = await b.call("Runtime.evaluate", {
        // The page's text and its frames' (the UI renders current details as markdown in a frame).
        expression: `[document, ...[...document.querySelectorAll("iframe")].map((f) => {
          try { return f.contentDocument; } catch { return null; }
        })].map((d) => (d && d.body ? d.body.innerText : "")).join("\\n")`,
        returnByValue: true,
      });
      text = String((r.result as { value?: unknown } | undefined)?.value ?? "");
      found = wanted.map((w) => text.includes(w));
      if (found.every(Boolean)) break;
      await pause(500);
    }
    const shot = await b.call("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
    writeFileSync(png, Buffer.from(String(shot.data), "base64"));
    return { text, found };
  } finally {
    await b.close();
  }
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const stops: Array<() => Promise<unknown>> = [];
  const children: ChildProcess[] = [];
  try {
    const [tPort, uiPort, pgPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const temporal = await startTemporal({
      port: tPort,
      uiPort,
      uiCodecEndpoint: `http://localhost:${apiPort}/codec`,
      dbFile: null,
      log: path.join(out, "temporal.log"),
    });
    stops.push(() => temporal.stop());
    const pg = await startEmbeddedPostgres({ dir: path.join(out, "pg"), port: pgPort, database: "casework" });
    stops.push(() => pg.stop());
    await migrateDb(pg.url);
    const { db, close } = createDb(pg.url, { max: 1 });
    await seedDemo(db);
    await close();

    // The environment scripts/dev.ts gives the worker and the API.
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: pg.url,
      PORT: String(apiPort),
      CODEC_TRUSTS_UI: "1",
      TEMPORAL_UI_ORIGIN: `http://localhost:${uiPort}`,
      LOG_LEVEL: "warn",
    };
    for (const entry of ["worker/main.ts", "api/main.ts"])
      children.push(
        spawn(process.execPath, ["--import", "tsx", path.join(root, entry)], {
          env,
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
    await waitForPort(apiPort, "API");
    await waitForPort(uiPort, "Temporal UI");

    const now = new Date().toISOString();
    const res = await fetch(`http://127.0.0.1:${apiPort}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "dev-omsk-integrator-key", "content-type": "application/json" },
      body: JSON.stringify({
        org: "omsk",
        source: "ui-check",
        externalId: `ui-check-${Date.now().toString(36)}`,
        network: "vk",
        channel: "comment",
        url: "https://vk.com/wall-1_100",
        author: { name: "Иван" },
        text: TEXT,
        publishedAt: now,
        detectedAt: now,
      }),
    });
    if (res.status !== 201) throw new Error(`POST /v1/messages: ${res.status} ${await res.text()}`);
    const { caseId } = (await res.json()) as { caseId: string };

    // The timer's name as Temporal stores it (plain, workflows/console.ts): what the page must show.
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, dataConverter });
    let timer: string | undefined;
    for (const until = Date.now() + 30_000; !timer && Date.now() < until; ) {
      const history = await client.workflow.getHandle(caseId).fetchHistory();
      const s = history.events?.find((e) => e.timerStartedEventAttributes)?.userMetadata?.summary;
      if (s?.data) timer = JSON.parse(Buffer.from(s.data).toString("utf8")) as string;
      else await pause(200);
    }
    if (!timer) throw new Error("the case started no timer within 30 s");

    const url = `http://localhost:${uiPort}/namespaces/default/workflows/${caseId}`;
    const png = path.join(out, "case.png");
    const { text, found } = await pageShows(url, [TEXT, timer], png);
    writeFileSync(path.join(out, "case.txt"), text);
    // The User Metadata tab: the case's current details (workflows/console.ts), what it waits for.
    const { runId } = await client.workflow.getHandle(caseId).describe();
    const details = await pageShows(
      `${url}/${runId}/user-metadata`,
      ["Status: triage", "Who acts: curator"],
      path.join(out, "details.png"),
    );
    writeFileSync(path.join(out, "details.txt"), details.text);
    found.push(...details.found);
    console.log(`case     ${caseId}\npage     ${url}\ntimer    ${timer}`);
    console.log(
      `found    message text: ${found[0]}, named timer: ${found[1]}, current details: ${found[2] && found[3]}`,
    );
    console.log(`saved    ${path.relative(root, png)}, ${path.relative(root, path.join(out, "case.txt"))}`);
    if (!found.every(Boolean)) {
      console.error("ui-check FAILED: the case page does not show them");
      process.exitCode = 1;
    } else console.log("ui-check ok: the message text, the named timer and the current details are shown");
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
    );
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
