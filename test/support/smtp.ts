// A real SMTP server in-process (smtp-server), collecting what the product sends, decoded: recipients,
// subject (RFC 2047) and text (base64 or quoted-printable), for the activity, workflow and durability suites.
// A multipart message (the monthly report's attachments) is read with mailparser.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
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
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address).sort();
        if (!/^Content-Type: multipart\//im.test(raw.toString("latin1").split("\r\n\r\n")[0] ?? "")) {
          mails.push({ to, ...parse(raw), attachments: [] });
          return callback();
        }
        const m = await simpleParser(raw);
        mails.push({
          to,
          subject: m.subject ?? "",
          messageId: m.messageId ?? "",
          text: (m.text ?? "").replace(/\r\n/g, "\n").trimEnd(),
          attachments: m.attachments.map((a) => ({
            filename: a.filename ?? "",
            contentType: a.contentType,
            content: a.content,
          })),
        });
        callback();
      });
    },
  });
  // A client that dies mid-conversation (the chaos suite SIGKILLs workers while they send) resets its
  // connection; smtp-server reports that as an 'error' event, which without a listener is an uncaught
  // exception in the test process (seen once as "read ECONNRESET" in test/durability/chaos.test.ts).
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function parse(raw: Buffer): Omit<ReceivedMail, "to" | "attachments"> {
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
