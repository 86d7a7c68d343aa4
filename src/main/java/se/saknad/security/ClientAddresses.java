package se.saknad.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address a sign-in comes from. Behind reverse proxies ({@code saknad.login.trusted-proxies}, a
 * list of CIDRs) it is the right-most address of the forwarded header ({@code
 * saknad.login.client-address-header}, X-Forwarded-For when not set) that is not one of those
 * proxies: every proxy appends the address it saw, so everything left of that entry is whatever the
 * client claimed. The header is read only when the socket itself is a trusted proxy; without
 * trusted proxies it is never read.
 */
@Singleton
class ClientAddresses {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAddresses.class);
  private static final int MAX_LENGTH = 64;

  private final String header;
  private final List<IpSubnetFilterRule> proxies;

  ClientAddresses(
      @Value("${saknad.login.client-address-header:}") String header,
      @Value("${saknad.login.trusted-proxies:}") List<String> trustedProxies) {
    String configured = header == null ? "" : header.strip();
    this.header = configured.isEmpty() ? "X-Forwarded-For" : configured;
    this.proxies = new ArrayList<>();
    for (String cidr : trustedProxies == null ? List.<String>of() : trustedProxies) {
      if (!cidr.isBlank()) {
        proxies.add(rule(cidr.strip()));
      }
    }
    if (proxies.isEmpty() && !configured.isEmpty()) {
      LOG.warn(
          "saknad.login.client-address-header is set but saknad.login.trusted-proxies is empty:"
              + " the header is ignored and every client is known by its socket address");
    } else if (!proxies.isEmpty()) {
      LOG.info(
          "Client addresses: the right-most entry of {} that is not among {} trusted proxy"
              + " range(s)",
          this.header,
          proxies.size());
    }
  }

  String of(HttpRequest<?> request) {
    InetAddress socket = request.getRemoteAddress().getAddress();
    if (proxies.isEmpty() || !trusted(socket)) {
      return NetUtil.toAddressString(socket);
    }
    return of(socket, request.getHeaders().getAll(header));
  }

  /** The client behind {@code socket}, a trusted proxy, from the values of the forwarded header. */
  String of(InetAddress socket, List<String> forwarded) {
    if (!trusted(socket)) {
      return NetUtil.toAddressString(socket);
    }
    List<String> entries = new ArrayList<>();
    for (String value : forwarded) {
      Arrays.stream(value.split(",")).map(String::strip).forEach(entries::add);
    }
    for (int i = entries.size() - 1; i >= 0; i--) {
      String entry = entries.get(i);
      InetAddress address = literal(entry);
      if (address == null) {
        // Not an address: the nearest trusted proxy wrote what it was given. Refuse to look
        // further left, and take it as the client's (it is compared, never resolved).
        return entry.isEmpty() ? NetUtil.toAddressString(socket) : shortened(entry);
      }
      if (!trusted(address)) {
        return NetUtil.toAddressString(address);
      }
    }
    // Every hop is a proxy of ours (a health check from inside, say): the left-most one.
    InetAddress first = entries.isEmpty() ? null : literal(entries.get(0));
    return NetUtil.toAddressString(first == null ? socket : first);
  }

  /**
   * The range an address belongs to, for logs and metrics: its /24 (IPv4) or /48 (IPv6), which
   * names the network an operator may block without naming the person.
   */
  static String rangeOf(String address) {
    InetAddress parsed = literal(address);
    if (parsed == null) {
      return "unparsable";
    }
    byte[] bytes = parsed.getAddress();
    int keep = bytes.length == 4 ? 3 : 6;
    Arrays.fill(bytes, keep, bytes.length, (byte) 0);
    try {
      return NetUtil.toAddressString(InetAddress.getByAddress(bytes)) + "/" + keep * 8;
    } catch (UnknownHostException e) {
      return "unparsable";
    }
  }

  private boolean trusted(InetAddress address) {
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    return proxies.stream().anyMatch(p -> p.matches(socket));
  }

  /** An IP literal, never looked up in DNS; null when the text is not one. */
  static InetAddress literal(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static IpSubnetFilterRule rule(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
    if (address == null) {
      throw new ConfigurationException(
          "saknad.login.trusted-proxies: '" + cidr + "' is not an address or a CIDR range");
    }
    int bits = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new ConfigurationException(
          "saknad.login.trusted-proxies: '" + cidr + "' has no valid prefix length");
    }
    return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
  }

  private static String shortened(String entry) {
    String cleaned = entry.replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
  }
}
