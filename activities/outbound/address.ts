// What kind of address an outbound request would reach (issue 16, "SSRF"): the server fetches feeds, posts
// to networks, webhooks and reads JWKS only at public addresses, unless the host is on the allow-list
// (`OUTBOUND_ALLOW_HOSTS`, README.md "Security"). Pure: a decision about an address, never a connection.
import { isIP } from "node:net";

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "multicast"
  | "reserved";

type Range = readonly [prefix: bigint, bits: number, cls: AddressClass];

// IPv4 ranges (RFC 6890 special-purpose registry), the first match wins: metadata before link-local.
const v4: Range[] = [
  [v4n("169.254.169.254"), 32, "metadata"], // AWS, GCP, Azure, OpenStack instance metadata
  [v4n("100.100.100.200"), 32, "metadata"], // Alibaba Cloud metadata
  [v4n("0.0.0.0"), 8, "unspecified"],
  [v4n("127.0.0.0"), 8, "loopback"],
  [v4n("10.0.0.0"), 8, "private"],
  [v4n("172.16.0.0"), 12, "private"],
  [v4n("192.168.0.0"), 16, "private"],
  [v4n("100.64.0.0"), 10, "private"], // carrier-grade NAT (shared address space)
  [v4n("169.254.0.0"), 16, "link-local"],
  [v4n("192.0.0.0"), 24, "reserved"],
  [v4n("192.0.2.0"), 24, "reserved"],
  [v4n("198.18.0.0"), 15, "reserved"],
  [v4n("198.51.100.0"), 24, "reserved"],
  [v4n("203.0.113.0"), 24, "reserved"],
  [v4n("224.0.0.0"), 4, "multicast"],
  [v4n("240.0.0.0"), 4, "reserved"], // and 255.255.255.255
];

const v6: Range[] = [
  [v6n("fd00:ec2::254"), 128, "metadata"], // AWS instance metadata over IPv6
  [v6n("::"), 128, "unspecified"],
  [v6n("::1"), 128, "loopback"],
  [v6n("fc00::"), 7, "private"], // unique local
  [v6n("fe80::"), 10, "link-local"],
  [v6n("fec0::"), 10, "private"], // deprecated site-local
  [v6n("ff00::"), 8, "multicast"],
  [v6n("2001:db8::"), 32, "reserved"],
  [v6n("100::"), 64, "reserved"], // discard-only
];

/** The class of an IP address (v4 or v6, v4-mapped/NAT64/6to4 by the v4 address inside); "reserved" if not an IP. */
export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 4) return match(v4, v4n(ip), 32);
  if (family !== 6) return "reserved";
  const n = v6n(ip);
  const embedded = embeddedV4(n);
  if (embedded !== null) return match(v4, embedded, 32);
  return match(v6, n, 128);
}

/** The v4 address an IPv6 address carries: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::. */
function embeddedV4(n: bigint): bigint | null {
  const low32 = n & 0xffffffffn;
  if (n >> 32n === 0xffffn) return low32; // v4-mapped
  if (n >> 32n === 0n && n > 1n) return low32; // v4-compatible (deprecated); :: and ::1 are v6's own
  if (n >> 32n === 0x64ff9b0000000000000000n) return low32; // NAT64 well-known prefix
  if (n >> 112n === 0x2002n) return (n >> 80n) & 0xffffffffn; // 6to4
  return null;
}

function match(ranges: Range[], n: bigint, width: number): AddressClass {
  for (const [prefix, bits, cls] of ranges) {
    const shift = BigInt(width - bits);
    if (n >> shift === prefix >> shift) return cls;
  }
  return "public";
}

function v4n(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6n(ip: string): bigint {
  let s = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  // A dotted quad at the end (::ffff:127.0.0.1) becomes two hextets.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const v = v4n(quad[1]!);
    s = `${s.slice(0, -quad[1]!.length)}${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const parts = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return parts.reduce((acc, p) => (acc << 16n) | BigInt(Number.parseInt(p || "0", 16)), 0n);
}
