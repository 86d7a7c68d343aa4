package se.saknad.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;

/**
 * Security headers. Every answer: {@code nosniff}, and HSTS when the service is reached over https.
 * API answers (and the sign-in's token) carry personal data: {@code Cache-Control: no-store}, so no
 * browser or proxy keeps a copy. The web pages: scripts only from this service (no inline script,
 * nothing from elsewhere), images only from here or the configured tile server, no framing, no
 * referrer; a stray script must not be able to run or call out.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class PageSecurityHeaders implements Ordered {
  private final String policy;
  private final boolean https;

  PageSecurityHeaders(
      @Value("${saknad.map.tile-url:}") String tileUrl,
      @Value("${saknad.public-base-url:}") String publicBaseUrl) {
    this.https = publicBaseUrl.startsWith("https://");
    String tiles = "";
    if (!tileUrl.isBlank()) {
      URI uri = URI.create(tileUrl.replace("{", "").replace("}", ""));
      tiles = " " + uri.getScheme() + "://" + uri.getAuthority();
    }
    this.policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:"
            + tiles
            + "; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";
  }

  /** Outside the security filter, so that its refusals (401, 403) carry the headers too. */
  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    response.header("X-Content-Type-Options", "nosniff");
    if (https) {
      response.header("Strict-Transport-Security", "max-age=31536000");
    }
    String path = request.getPath();
    if ((path.startsWith("/api/") || path.equals("/login"))
        && !response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
      response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if (path.startsWith("/app/")) {
      response.header("Content-Security-Policy", policy);
      response.header("Referrer-Policy", "no-referrer");
      response.header("X-Frame-Options", "DENY");
    }
  }
}
