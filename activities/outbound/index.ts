// Outbound calls (README.md "Security"): the address classes and the guarded fetch every activity and the
// JWKS client use by default; `defaultOutbound()` is built from config.ts (`OUTBOUND_*`).
import { config } from "../../config";
import { type OutboundPolicy, outboundFetch } from "./fetch";

export { type AddressClass, classifyAddress } from "./address";
export { checkScheme, decide, type OutboundPolicy, OutboundRefused, outboundFetch } from "./fetch";

let shared: typeof fetch | undefined;

/** The process's guarded fetch under config.outbound. */
export function defaultOutbound(): typeof fetch {
  shared ??= outboundFetch(config.outbound satisfies OutboundPolicy);
  return shared;
}
