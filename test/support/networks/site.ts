// The site's "Информация для населения" webhook stand-in (Yuzhno-Sakhalinsk 3.5): checks the HMAC-SHA256
// signature over "<timestamp>.<raw body>", keeps one publication per Idempotency-Key (a repeat is 409 with
// the first one's url and id), and answers faults with their status and Retry-After.
import { createHmac } from "node:crypto";
import { type Answer, Faults, type Received, startLoopback } from "./loopback";

export interface SiteFault {
  status: number;
  retryAfter?: number;
}
export interface SitePublication {
  id: string;
  key: string;
  body: Record<string, unknown>;
  url: string;
}

export async function startSite(opts: { secret: string }) {
  const published: SitePublication[] = [];
  const faults = new Faults<SiteFault>();
  let nextId = 300;
  const loopback = await startLoopback((req: Received): Answer => {
    if (req.method !== "POST" || req.path !== "/info-hook")
      return { status: 404, body: { error: "not found" } };
    const ts = String(req.headers["x-casework-timestamp"] ?? "");
    const expected = `sha256=${createHmac("sha256", opts.secret).update(`${ts}.${req.raw}`).digest("hex")}`;
    if (req.headers["x-casework-signature"] !== expected)
      return { status: 401, body: { error: "bad signature" } };
    const key = String(req.headers["idempotency-key"] ?? "");
    if (!key) return { status: 400, body: { error: "Idempotency-Key required" } };
    const earlier = published.find((p) => p.key === key);
    if (earlier) return { status: 409, body: { id: earlier.id, url: earlier.url } };
    const fault = faults.next();
    if (fault && fault !== "drop")
      return {
        status: fault.status,
        headers: fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) },
        body: { error: "refused" },
      };
    const id = String(nextId++);
    const url = `https://yuzhno-sakh.ru/info/${id}`;
    published.push({ id, key, body: req.json as Record<string, unknown>, url });
    return fault === "drop" ? { drop: true } : { status: 201, body: { id, url } };
  });
  return { ...loopback, url: `${loopback.url}/info-hook`, published, faults };
}
