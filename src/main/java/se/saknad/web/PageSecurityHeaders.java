package se.saknad.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;

/**
 * Security headers for the web pages: scripts only from this service (no inline script, nothing
 * from elsewhere), images only from here or the configured tile server, no framing, no referrer.
 * The pages show children's personal data; a stray script must not be able to run or call out.
 */
@ServerFilter("/app/**")
class PageSecurityHeaders {
  private final String policy;

  PageSecurityHeaders(@Value("${saknad.map.tile-url:}") String tileUrl) {
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

  @ResponseFilter
  void headers(MutableHttpResponse<?> response) {
    response.header("Content-Security-Policy", policy);
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "no-referrer");
    response.header("X-Frame-Options", "DENY");
  }
}
