// Real services for the activities suites: a local HTTP server (node:http) that records what it receives,
// a case view to project; the SMTP server is the shared one of test/support/smtp.ts.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { CaseView } from "../../workflows/view";

export const uid = () => randomUUID().slice(0, 8);
export { type ReceivedMail, startSmtp } from "../support/smtp";

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
