package se.saknad.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security headers. Every answer: {@code nosniff}, and HSTS when the service is reached over https.
 * API answers (and the sign-in's token) carry personal data: {@code Cache-Control: no-store}, so no
 * browser or proxy keeps a copy. The web pages: scripts only from this service (no inline script,
 * nothing from elsewhere), images only from here or the configured tile server, no framing, no
 * referrer; a stray script must not be able to run or call out. Swagger UI: the same, with its one
 * inline script allowed by its hash (read from the page itself at start-up, so an upgrade that
 * changes the script cannot run it unchecked). Every other answer (JSON, the report as HTML, the
 * framework's own pages) gets a policy that runs nothing and loads nothing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class PageSecurityHeaders implements Ordered {
  /** The page Micronaut OpenAPI generates for Swagger UI, and the scripts written into it. */
  private static final String SWAGGER_UI_PAGE = "/META-INF/swagger/views/swagger-ui/index.html";

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  /** Inline styles only (the report's stylesheet), inline images; no script, no framing. */
  static final String NOTHING_RUNS =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none';"
          + " base-uri 'none'; form-action 'none'";

  private final String policy;
  private final String swaggerPolicy;
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
    this.swaggerPolicy =
        "default-src 'self'; script-src 'self'"
            + inlineScriptHashes(SWAGGER_UI_PAGE)
            + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self';"
            + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }

  /** The CSP source of every inline script in the page: " 'sha256-…'" each, "" without any. */
  static String inlineScriptHashes(String page) {
    try (InputStream in = PageSecurityHeaders.class.getResourceAsStream(page)) {
      if (in == null) {
        return "";
      }
      Matcher script = INLINE_SCRIPT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      StringJoiner hashes = new StringJoiner("");
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      while (script.find()) {
        byte[] digest = sha256.digest(script.group(1).getBytes(StandardCharsets.UTF_8));
        hashes.add(" 'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
      }
      return hashes.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    } else if (path.startsWith("/swagger-ui/")) {
      response.header("Content-Security-Policy", swaggerPolicy);
    } else if (!response.getHeaders().contains("Content-Security-Policy")) {
      response.header("Content-Security-Policy", NOTHING_RUNS);
    }
    response.header("Referrer-Policy", "no-referrer");
    response.header("X-Frame-Options", "DENY");
  }
}
