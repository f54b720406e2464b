// Real services for the activities suites: an in-process SMTP server (smtp-server) and a local HTTP server
// (node:http) that record what they receive, and a case view to project.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { SMTPServer } from "smtp-server";
import type { CaseView } from "../../workflows/view";

export const uid = () => randomUUID().slice(0, 8);

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
}

/** `reject`: recipients the server refuses with 550 (a permanent SMTP error). */
export async function startSmtp(opts: { reject?: string[] } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.reject?.includes(address.address)) {
        const err = Object.assign(new Error("no such mailbox"), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).sort(),
          ...parse(Buffer.concat(chunks)),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function parse(raw: Buffer): Omit<ReceivedMail, "to"> {
  const s = raw.toString("latin1");
  const split = s.indexOf("\r\n\r\n");
  const head = s.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(head)?.[1]?.trim() ?? "";
  const body = s.slice(split + 4);
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const bytes =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? quotedPrintable(body)
        : Buffer.from(body, "latin1");
  return {
    subject: encodedWords(header("Subject")),
    messageId: header("Message-ID"),
    text: bytes.toString("utf8").replace(/\r\n/g, "\n").trimEnd(),
  };
}

function quotedPrintable(s: string): Buffer {
  const t = s.replace(/=\r\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const hex = t.slice(i + 1, i + 3);
    if (t[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(t.charCodeAt(i));
  }
  return Buffer.from(out);
}

/** RFC 2047 (nodemailer encodes Cyrillic subjects); whitespace between encoded words is dropped. */
function encodedWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      (enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : quotedPrintable(text.replace(/_/g, " "))
      ).toString("utf8"),
    );
}

export interface ReceivedRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** Answers each request with the next status of `statuses` (the last one repeats). */
export async function startHttp(statuses: number[]) {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      });
      res.statusCode = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A case view as the workflow reports it right after the message arrived. */
export function caseView(caseId: string, over: Partial<CaseView> = {}): CaseView {
  return {
    caseId,
    workflowId: caseId,
    org: "omsk",
    regulation: "omsk",
    status: "triage",
    importance: "normal",
    significant: false,
    emergency: false,
    overdue: false,
    message: {
      source: "monitor",
      externalId: caseId,
      network: "vk",
      channel: "comment",
      url: `https://vk.com/wall-1_${caseId}`,
      text: "Когда починят дорогу на ул. Ленина?",
      publishedAt: "2026-03-02T09:00:00+06:00",
      detectedAt: "2026-03-02T09:10:00+06:00",
      attachments: [],
      author: { name: "Иван Петров", profileUrl: "https://vk.com/id1" },
    },
    assignees: [],
    contributions: [],
    drafts: [],
    publications: [],
    steps: {
      route: {
        budget: "30m",
        clock: "working",
        startedAt: "2026-03-02T03:10:00.000Z",
        dueAt: "2026-03-02T03:40:00.000Z",
        round: 0,
        source: "Omsk 4.4",
      },
      answer: {
        budget: "9h",
        clock: "working",
        startedAt: "2026-03-02T03:10:00.000Z",
        dueAt: "2026-03-02T13:10:00.000Z",
        round: 0,
        source: "Omsk 6",
      },
    },
    answerDueAt: "2026-03-02T13:10:00.000Z",
    returns: 0,
    reworkRounds: 0,
    seq: 1,
    ...over,
  };
}
