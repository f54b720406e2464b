// Publishing a reply through the network the message came from. Each network's publisher is a file of its
// own registered here; a network without one falls back to `manual` (the publisher role posts by hand).
// Idempotent by `key` (case + draft version, docs/architecture.md): a publisher that posts through an API
// must look the key up before posting again, so a retried activity never posts a second reply.
import type { Message } from "../../workflows/message";
import { manualPublisher } from "./manual";

export interface PublishRequest {
  /** Idempotency key: case id + draft version. */
  key: string;
  caseId: string;
  org: string;
  network: Message["network"];
  /** Public comment -> public reply; direct message -> private reply (Yuzhno-Sakhalinsk 3.4). */
  channel: Message["channel"];
  /** The URL of the message being answered. */
  replyTo: string;
  /** The author's id on the network: the recipient of a private reply (`channel: direct`). */
  recipient?: string;
  text: string;
  attachments: string[];
  draftVersion: number;
}

/**
 * `manual`: no account for this network, a person posts by hand. `published`: the reply is out; `url` is the
 * posted reply (or the closest public address of it), `externalId` its id on the network.
 * Failures are thrown: a retryable ApplicationFailure (rate limit, flood control, 5xx) or a non-retryable one
 * of type `publish_forbidden` (no permission, bad token, the post is gone) that hands the case back to the
 * publisher role for manual posting.
 */
export type PublishResult =
  | { state: "manual" }
  | { state: "published"; url: string; at: string; externalId?: string };

export interface Publisher {
  publish(request: PublishRequest): Promise<PublishResult>;
}

export type PublisherRegistry = Partial<Record<Message["network"], Publisher>>;

/** No network publishers: every reply is posted by hand. The worker runs with `createPublishers` (registry.ts). */
export const defaultPublishers: PublisherRegistry = {};

export function publisherFor(registry: PublisherRegistry, network: Message["network"]): Publisher {
  return registry[network] ?? manualPublisher;
}

export { manualPublisher };
