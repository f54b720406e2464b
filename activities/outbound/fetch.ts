// The one way the server calls out (feeds, publishers, notification webhooks, JWKS): a fetch-compatible
// function that only speaks http(s), resolves the host when it connects and refuses loopback, private,
// link-local, metadata and other non-public addresses unless the host is on the allow-list; it follows at
// most a few redirects, each checked the same way (the Authorization header dropped across origins), caps the
// response's size and has a deadline. The check runs inside the socket's DNS lookup, so the address
// checked is the address connected to (no rebinding between a check and the connection).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { type Readable, Transform } from "node:stream";
import { type AddressClass, classifyAddress } from "./address";

export interface OutboundPolicy {
  /** Host names (or IP literals) that may resolve anywhere: a proxy, a test's loopback stand-in. */
  allowHosts: readonly string[];
  /** The most bytes a response body may have. */
  maxBytes: number;
  /** Deadline of one request, redirects included (the caller's own signal may end it sooner). */
  timeoutMs: number;
  maxRedirects?: number;
  /** DNS resolution; the system resolver by default (tests decide on addresses of their own). */
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

/** A request the guard refused to send, or a response it refused to read: not a network failure. */
export class OutboundRefused extends Error {
  override name = "OutboundRefused";
  constructor(
    message: string,
    readonly reason: "scheme" | "address" | "redirect" | "size",
  ) {
    super(message);
  }
}

const systemLookup = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

const allowed = (policy: OutboundPolicy, host: string) =>
  policy.allowHosts.some((h) => h.toLowerCase() === host.toLowerCase());

/** The URL's host without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Refuses a URL that is not http(s); does not resolve anything. */
export function checkScheme(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutboundRefused(`only http and https URLs are called, not ${url.protocol}`, "scheme");
}

/**
 * The guard's decision for one URL: the addresses its host resolves to now, each classified; refused when any
 * of them is not public and the host is not allowed. Used before every connection (and by tests).
 */
export async function decide(
  url: URL,
  policy: OutboundPolicy,
): Promise<{ host: string; addresses: Array<LookupAddress & { class: AddressClass }> }> {
  checkScheme(url);
  const host = hostOf(url);
  const found = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await (policy.lookup ?? systemLookup)(host);
  const addresses = found.map((a) => ({ ...a, class: classifyAddress(a.address) }));
  if (allowed(policy, host)) return { host, addresses };
  const bad = addresses.find((a) => a.class !== "public");
  if (bad || addresses.length === 0)
    throw new OutboundRefused(
      `${host} resolves to ${bad ? `${bad.address} (${bad.class})` : "nothing"}: not called (OUTBOUND_ALLOW_HOSTS)`,
      "address",
    );
  return { host, addresses };
}

/** A fetch that goes only where `policy` lets it. */
export function outboundFetch(policy: OutboundPolicy): typeof fetch {
  const guarded = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (input instanceof Request) throw new TypeError("outboundFetch takes a URL, not a Request");
    const signal = AbortSignal.any([
      AbortSignal.timeout(policy.timeoutMs),
      ...(init.signal ? [init.signal] : []),
    ]);
    let url = new URL(String(input));
    let method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    let body = bodyOf(init.body, headers);
    const maxRedirects = policy.maxRedirects ?? 3;
    for (let hop = 0; ; hop++) {
      const res = await once(policy, url, method, headers, body, signal);
      const location = res.headers.get("location");
      if (![301, 302, 303, 307, 308].includes(res.status) || !location || init.redirect === "manual")
        return res;
      await res.body?.cancel();
      if (init.redirect === "error" || hop >= maxRedirects)
        throw new OutboundRefused(`${url.origin} redirected more than ${maxRedirects} times`, "redirect");
      const next = new URL(location, url);
      checkScheme(next);
      if (next.origin !== url.origin) headers.delete("authorization");
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        body = undefined;
        headers.delete("content-type");
      }
      url = next;
    }
  };
  return guarded as typeof fetch;
}

function bodyOf(body: RequestInit["body"], headers: Headers): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain;charset=UTF-8");
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type"))
      headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return Buffer.from(body.toString());
  }
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError("outboundFetch sends string, URLSearchParams or bytes bodies");
}

/** One request without following redirects; the socket's lookup runs the guard's decision. */
async function once(
  policy: OutboundPolicy,
  url: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  signal: AbortSignal,
): Promise<Response> {
  const host = hostOf(url);
  // An IP literal is connected to without a lookup: decide on it here (a name is decided in `lookup`).
  if (isIP(host)) await decide(url, policy);
  else checkScheme(url);
  const lookup = (
    hostname: string,
    opts: { all?: boolean },
    cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    // Node asks for every address (`all`) when it races IPv4 and IPv6 (autoSelectFamily): all are checked.
    decide(new URL(`${url.protocol}//${hostname.includes(":") ? `[${hostname}]` : hostname}`), policy).then(
      ({ addresses }) => {
        const plain = addresses.map(({ address, family }) => ({ address, family }));
        if (opts.all) cb(null, plain);
        else cb(null, plain[0]!.address, plain[0]!.family);
      },
      (e: Error) => cb(e, "", 0),
    );
  };
  const outHeaders: Record<string, string> = {};
  headers.forEach((v, k) => {
    outHeaders[k] = v;
  });
  if (body) outHeaders["content-length"] = String(body.length);
  return new Promise<Response>((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(url, {
      method,
      headers: outHeaders,
      lookup: lookup as never,
      signal,
    });
    req.on("error", reject);
    req.on("response", (msg) => {
      const status = msg.statusCode ?? 502;
      const declared = Number(msg.headers["content-length"] ?? 0);
      if (declared > policy.maxBytes) {
        msg.destroy();
        reject(tooLarge(url, policy));
        return;
      }
      let seen = 0;
      const capped = msg.pipe(
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            seen += chunk.length;
            done(seen > policy.maxBytes ? tooLarge(url, policy) : null, chunk);
          },
        }),
      );
      msg.on("error", (e) => capped.destroy(e));
      const responseHeaders = new Headers();
      for (const [k, v] of Object.entries(msg.headers))
        for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) responseHeaders.append(k, one);
      const empty = method === "HEAD" || [204, 205, 304].includes(status);
      if (empty) capped.resume();
      resolve(
        new Response(empty ? null : webStream(capped), {
          status,
          statusText: msg.statusMessage,
          headers: responseHeaders,
        }),
      );
    });
    req.end(body);
  });
}

const tooLarge = (url: URL, policy: OutboundPolicy) =>
  new OutboundRefused(`${url.origin} answered more than ${policy.maxBytes} bytes`, "size");

/**
 * The response body as a web stream. Not `Readable.toWeb`: on Node 20 and 22 cancelling its stream (a
 * caller that does not want the body: `res.body.cancel()`) throws "Controller is already closed" from a
 * stream callback, an uncaught exception that ends the worker process (test/unit/outbound-body.test.ts).
 */
function webStream(src: Readable): ReadableStream<Uint8Array> {
  let over = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      src.on("data", (chunk: Buffer) => {
        if (over) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) src.pause();
      });
      src.once("end", () => {
        if (over) return;
        over = true;
        controller.close();
      });
      src.on("error", (e) => {
        if (over) return;
        over = true;
        controller.error(e);
      });
    },
    pull() {
      src.resume();
    },
    cancel() {
      over = true;
      src.destroy();
    },
  });
}
