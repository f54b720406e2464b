// `too_long`: longer than the network takes in one reply. Limits per network (characters as the networks
// count them: UTF-16 code units), overridden by the org's settings (`maxLength`).
import type { networks } from "../workflows/message";
import type { Finding } from "./types";

type Network = (typeof networks)[number];

/**
 * Telegram: Bot API `sendMessage`, "text: 1-4096 characters after entities parsing". VK (`messages.send`,
 * `wall.createComment`) and OK (`discussions.answer`): their documentation could not be read offline;
 * 4096 is the figure given for VK messages, taken for comments and for OK too until checked — an org sets
 * its own in `maxLength`. The site's webhook is ours (README "Publishing to networks"): no limit.
 */
export const NETWORK_LIMITS: Partial<Record<Network, number>> = { telegram: 4096, vk: 4096, ok: 4096 };

export function checkLength(
  text: string,
  network: Network | undefined,
  overrides: Partial<Record<Network, number>>,
): Finding[] {
  if (!network) return [];
  const limit = overrides[network] ?? NETWORK_LIMITS[network];
  if (!limit || text.length <= limit) return [];
  return [
    {
      code: "too_long",
      message: `${text.length} characters; a ${network} reply takes at most ${limit}`,
      at: [limit, text.length],
    },
  ];
}
