// The publishers the worker runs with: one per network that has an API client, each looking up the org's
// account (`network_accounts`) per request. No active account: `manual`, the publisher role posts by hand.
// Every reply goes through the ledger (ledger.ts), so a retried activity never posts twice.
import type { Db } from "../../db/client";
import { defaultOutbound } from "../outbound";
import { type Account, type ApiNetwork, loadAccount } from "./accounts";
import type { Publisher, PublisherRegistry, PublishRequest } from "./index";
import { type NetworkClient, publishOnce } from "./ledger";
import { okClient } from "./ok";
import { siteClient } from "./site";
import { telegramClient } from "./telegram";
import { vkClient } from "./vk";

type ClientOf = {
  [N in ApiNetwork]: (account: Account<N>, fetchImpl: typeof fetch) => (r: PublishRequest) => NetworkClient;
};
const clients: ClientOf = { vk: vkClient, telegram: telegramClient, ok: okClient, site: siteClient };

export interface PublishersDeps {
  db: Db;
  /** The outbound guard (activities/outbound) by default; tests may pass their own. */
  fetch?: typeof fetch;
}

export function createPublishers(deps: PublishersDeps): PublisherRegistry {
  const fetchImpl = deps.fetch ?? defaultOutbound();
  const publisher = <N extends ApiNetwork>(network: N): Publisher => ({
    publish: (request) =>
      publishOnce(deps.db, request, async () => {
        const account = await loadAccount(deps.db, request.org, network);
        return account ? clients[network](account, fetchImpl)(request) : null;
      }),
  });
  return {
    vk: publisher("vk"),
    telegram: publisher("telegram"),
    ok: publisher("ok"),
    site: publisher("site"),
  };
}
