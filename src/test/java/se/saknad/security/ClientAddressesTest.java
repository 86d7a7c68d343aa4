package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.exceptions.ConfigurationException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client address behind trusted proxies is the right-most forwarded address that is not one of
 * them: whatever a client writes into X-Forwarded-For ends up left of that and is never believed.
 */
class ClientAddressesTest {
  private static final InetAddress PROXY = ClientAddresses.literal("10.0.0.5");
  private static final InetAddress STRANGER = ClientAddresses.literal("203.0.113.9");

  private final ClientAddresses behindTwoProxies =
      new ClientAddresses("X-Forwarded-For", List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

  @Test
  void theRightMostAddressThatIsNoProxyIsTheClient() {
    assertEquals("198.51.100.4", behindTwoProxies.of(PROXY, List.of("198.51.100.4, 10.1.2.3")));
    assertEquals("198.51.100.4", behindTwoProxies.of(PROXY, List.of("198.51.100.4")));
  }

  @Test
  void whatTheClientWroteLeftOfItIsIgnored() {
    // The client sent "X-Forwarded-For: 192.0.2.1, 10.0.0.1" itself; the proxy appended its peer.
    assertEquals(
        "198.51.100.4",
        behindTwoProxies.of(PROXY, List.of("192.0.2.1, 10.0.0.1, 198.51.100.4, 10.1.2.3")));
    // Spread over two header lines, as a client may send it.
    assertEquals(
        "198.51.100.4", behindTwoProxies.of(PROXY, List.of("192.0.2.1", "10.0.0.1, 198.51.100.4")));
  }

  @Test
  void theHeaderOfAConnectionThatIsNoProxyIsNeverRead() {
    assertEquals("203.0.113.9", behindTwoProxies.of(STRANGER, List.of("198.51.100.4")));
    ClientAddresses noProxies = new ClientAddresses("X-Forwarded-For", List.of());
    assertEquals("10.0.0.5", noProxies.of(PROXY, List.of("198.51.100.4")));
  }

  @Test
  void onlyProxiesOnTheWayGiveTheLeftMost() {
    assertEquals("10.9.9.9", behindTwoProxies.of(PROXY, List.of("10.9.9.9, 10.1.2.3")));
    assertEquals("10.0.0.5", behindTwoProxies.of(PROXY, List.of()));
  }

  @Test
  void ipv6ClientsAndProxiesAreCompared() {
    assertEquals(
        "2001:db8:1::7",
        behindTwoProxies.of(
            ClientAddresses.literal("2001:db8:ffff::1"),
            List.of("2001:db8:6::1, [2001:db8:1::7], 2001:db8:ffff::2")));
  }

  @Test
  void anEntryThatIsNoAddressStopsTheWalkAndIsNeverLookedUp() {
    assertEquals("unknown", behindTwoProxies.of(PROXY, List.of("198.51.100.4, unknown, 10.1.2.3")));
    assertEquals("evil.example", behindTwoProxies.of(PROXY, List.of("198.51.100.4, evil.example")));
  }

  @Test
  void rangesNameTheNetworkNotTheHost() {
    assertEquals("203.0.113.0/24", ClientAddresses.rangeOf("203.0.113.77"));
    assertEquals("2001:db8:1::/48", ClientAddresses.rangeOf("2001:db8:1:2:3::9"));
    assertEquals("unparsable", ClientAddresses.rangeOf("evil.example"));
  }

  @Test
  void aTrustedProxyThatIsNoRangeIsRefusedAtStart() {
    assertThrows(
        ConfigurationException.class,
        () -> new ClientAddresses("X-Forwarded-For", List.of("proxy.example")));
    assertThrows(
        ConfigurationException.class,
        () -> new ClientAddresses("X-Forwarded-For", List.of("10.0.0.0/33")));
  }
}
