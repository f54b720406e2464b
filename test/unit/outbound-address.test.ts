// The outbound guard's decision (activities/outbound): which addresses a URL may reach. Decided on the
// resolved addresses only: names resolve through a stand-in resolver, nothing is ever connected to.
import { describe, expect, test } from "vitest";
import { classifyAddress, decide, OutboundRefused } from "../../activities/outbound";

describe("classifyAddress", () => {
  test.each([
    ["8.8.8.8", "public"],
    ["87.240.129.133", "public"], // api.vk.com
    ["2a00:bdc0:3:103:1:5:1:1", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    // IPv6 forms that carry an IPv4 address are judged by it.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::a00:1", "private"],
    ["2002:a9fe:a9fe::", "metadata"],
    ["::ffff:8.8.8.8", "public"],
    ["not an address", "reserved"],
  ])("%s is %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
});

describe("decide", () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) =>
    (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  const policy = (allowHosts: string[] = []) => ({
    allowHosts,
    maxBytes: 1000,
    timeoutMs: 1000,
    lookup: resolver({
      "api.vk.com": ["87.240.129.133"],
      "feed.example": ["93.184.215.14", "10.0.0.7"],
      "rebind.example": ["127.0.0.1"],
      "metadata.google.internal": ["169.254.169.254"],
      "proxy.internal": ["10.20.0.5"],
      "v6.example": ["::ffff:192.168.0.1"],
    }),
  });
  const refused = async (url: string, allowHosts: string[] = []) => {
    const e = await decide(new URL(url), policy(allowHosts)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutboundRefused);
    return e as OutboundRefused;
  };

  test("a public name is let through with what it resolves to", async () => {
    const d = await decide(new URL("https://api.vk.com/method"), policy());
    expect(d.addresses).toEqual([{ address: "87.240.129.133", family: 4, class: "public" }]);
  });

  test.each([
    ["http://127.0.0.1:7233/", "loopback"],
    ["http://[::1]/", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://metadata.google.internal/computeMetadata/v1/", "metadata"],
    ["http://rebind.example/", "loopback"],
    ["http://v6.example/", "private"],
    ["http://10.0.0.1/", "private"],
    ["http://0.0.0.0:5433/", "unspecified"],
    // one private address among public ones is enough to refuse
    ["https://feed.example/", "private"],
  ])("%s is refused (%s)", async (url, cls) => {
    const e = await refused(url);
    expect(e.reason).toBe("address");
    expect(e.message).toContain(`(${cls})`);
  });

  test("a name that resolves to nothing is refused", async () => {
    expect((await refused("https://nowhere.example/")).reason).toBe("address");
  });

  test.each(["javascript:alert(1)", "data:text/plain,x", "file:///etc/passwd", "ftp://ftp.example/"])(
    "%s is refused by its scheme",
    async (url) => {
      expect((await refused(url)).reason).toBe("scheme");
    },
  );

  test("a host on the allow-list may resolve anywhere, matched case-insensitively and exactly", async () => {
    const d = await decide(new URL("http://PROXY.internal:8080/"), policy(["proxy.internal"]));
    expect(d.addresses[0]).toMatchObject({ address: "10.20.0.5", class: "private" });
    expect((await decide(new URL("http://127.0.0.1:9/"), policy(["127.0.0.1"]))).host).toBe("127.0.0.1");
    await refused("http://evil.proxy.internal/", ["proxy.internal"]);
    await refused("http://127.0.0.2/", ["127.0.0.1"]);
  });
});
