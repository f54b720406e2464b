// Failure messages and stack traces are sealed like payloads (issue 16): a failure can quote a remote body
// (a network's refusal, a feed's error page) or a case's data. With `encodeCommonAttributes` the message and
// stack travel as a payload (`encodedAttributes`) that the codec (worker/codec.ts) seals; Temporal shows
// "Encoded failure" and the codec endpoint opens it for the org's admin. Loaded by the workflow sandbox too
// (DataConverter.failureConverterPath), so the failures the workflow records are sealed the same way; failures
// recorded before carry their message in clear and are read as they are.
import { DefaultFailureConverter } from "@temporalio/common";

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
