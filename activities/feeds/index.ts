// Monitoring feeds in (issue "Reaching the outside world"): the mapping of feed items to messages, webhook
// signatures, the intake of items into cases and feed_items, and the pull feed's page activity.
export {
  type FeedRef,
  type IntakeDeps,
  type ItemOutcome,
  type ItemStatus,
  intake,
  itemLockKey,
  itemStatuses,
  recordRejected,
  type StartCase,
  tally,
} from "./intake";
export {
  type FeedMapping,
  feedMappingSchema,
  itemsOf,
  type Mapped,
  mapItem,
  mappedFields,
  readPath,
} from "./mapping";
export { type PollPageResult, pollFeedPage } from "./poll";
export {
  replayWindowSeconds,
  signatureHeader,
  signBody,
  signedHeaders,
  timestampHeader,
  type Verdict,
  verifySignature,
} from "./signature";
