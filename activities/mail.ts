// E-mail through SMTP (nodemailer). The Message-ID is derived from the notification's idempotency key, so
// the rare resend after a crash (see once.ts) carries the same id and a receiving server can drop it.
import { createHash } from "node:crypto";
import { ApplicationFailure } from "@temporalio/common";
import nodemailer from "nodemailer";

export interface MailMessage {
  /** Idempotency key of the notification: the Message-ID is derived from it. */
  key: string;
  to: string[];
  subject: string;
  text: string;
  /** Files built by the activity itself (never passed through Temporal). */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** The last messages handed to this mailer (kept only when it does not send: dev without SMTP). */
  readonly recorded: MailMessage[];
  /** False when messages are only recorded (no SMTP_URL): nothing leaves the process. Absent: it sends. */
  readonly sends?: boolean;
  close(): void;
}

export function messageIdOf(key: string, from: string): string {
  const domain = from.split("@")[1]?.replace(/[>\s]/g, "") || "casework.local";
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}>`;
}

/** `smtpUrl` like smtp://user:pass@host:587; empty = messages are recorded, not sent (config.mail). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const recorded: MailMessage[] = [];
  if (!smtpUrl) {
    return {
      recorded,
      sends: false,
      async send(message) {
        recorded.push(message);
        if (recorded.length > 100) recorded.shift();
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    recorded,
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          attachments: message.attachments,
          messageId: messageIdOf(message.key, from),
        });
      } catch (e) {
        throw permanentOrRetryable(e);
      }
    },
    close: () => transport.close(),
  };
}

// A 5xx rejection of the envelope (no such mailbox, relay denied) will not pass on retry; anything else
// (connection refused, timeout, 4xx greylisting) is worth retrying with backoff.
function permanentOrRetryable(e: unknown): unknown {
  const err = e as { code?: string; responseCode?: number; message?: string };
  if (err.code === "EENVELOPE" && (err.responseCode ?? 0) >= 500)
    return ApplicationFailure.nonRetryable(`SMTP refused the recipients: ${err.message}`, "smtp_rejected");
  return e;
}
