package se.saknad.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up when the links in SMS cannot open this service: the public base URL names this
 * machine on another port than the one the server listens on, or, outside the one-machine default,
 * names this machine at all (a phone cannot reach "localhost"). The embedded default derives the
 * address from the server's port (config/application-embedded.yml), so it is right there.
 */
@Singleton
class PublicAddressCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PublicAddressCheck.class);

  private final String publicBaseUrl;
  private final boolean embedded;

  PublicAddressCheck(
      @Value("${saknad.public-base-url}") String publicBaseUrl,
      @Value("${saknad.embedded:false}") boolean embedded) {
    this.publicBaseUrl = publicBaseUrl;
    this.embedded = embedded;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    problem(event.getSource().getPort()).ifPresent(LOG::warn);
  }

  /** What is wrong with the public base URL for a server on this port, if anything. */
  Optional<String> problem(int serverPort) {
    URI uri;
    try {
      uri = URI.create(publicBaseUrl);
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "saknad.public-base-url is not a URL: links in SMS will not open. Set"
              + " SAKNAD_PUBLIC_BASE_URL to the address people reach this service on.");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return Optional.of(
          "saknad.public-base-url has no scheme or host: links in SMS will not open. Set"
              + " SAKNAD_PUBLIC_BASE_URL to the address people reach this service on.");
    }
    if (!isThisMachine(uri.getHost())) {
      return Optional.empty();
    }
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    if (port != serverPort) {
      return Optional.of(
          "saknad.public-base-url ("
              + publicBaseUrl
              + ") points at port "
              + port
              + " of this machine, but the service listens on "
              + serverPort
              + ": links in SMS will not open. Set SAKNAD_PUBLIC_BASE_URL.");
    }
    if (!embedded) {
      return Optional.of(
          "saknad.public-base-url ("
              + publicBaseUrl
              + ") names this machine: a phone cannot open the links in SMS, and the provider's"
              + " webhooks are signed for an address it cannot reach. Set SAKNAD_PUBLIC_BASE_URL"
              + " to the public address.");
    }
    return Optional.empty();
  }

  private static boolean isThisMachine(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("[::1]")
        || h.equals("::1")
        || h.equals("0.0.0.0");
  }
}
