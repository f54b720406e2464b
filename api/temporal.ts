// How the API talks to Temporal: a caller waits for a few quick retries, not the SDK's default ten
// (about 40 s when the server is gone); after that the request is answered 503 and the caller retries.
import {
  type ConnectionOptions,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
} from "@temporalio/client";

export function apiConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    connectTimeout: "2s",
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
  };
}
