package se.saknad.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The address a sign-in comes from: the socket's, or, behind a reverse proxy, the last entry of the
 * header that proxy is configured to write ({@code saknad.login.client-address-header}, e.g.
 * X-Forwarded-For). Earlier entries are whatever the client claimed and are never trusted, and no
 * header is read unless one is configured.
 */
@Singleton
class ClientAddresses {
  private final String header;

  ClientAddresses(@Value("${saknad.login.client-address-header:}") String header) {
    this.header = header == null ? "" : header.strip();
  }

  String of(HttpRequest<?> request) {
    if (!header.isEmpty()) {
      String value = request.getHeaders().get(header);
      if (value != null) {
        String[] entries = value.split(",");
        String last = entries[entries.length - 1].strip();
        if (!last.isEmpty()) {
          return last.length() > 64 ? last.substring(0, 64) : last;
        }
      }
    }
    return request.getRemoteAddress().getAddress().getHostAddress();
  }
}
