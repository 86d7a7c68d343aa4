package se.saknad.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The bearer token a Prometheus server scrapes {@code /prometheus} with ({@code
 * saknad.metrics.scrape-token}, at least 32 characters). It signs nobody in: it grants the single
 * role {@code METRICS}, which only {@code /prometheus} accepts, and only on that path. Without the
 * setting no such token exists and the metrics need an ADMIN sign-in.
 */
@Singleton
@Requires(property = "saknad.metrics.scrape-token")
class ScrapeToken implements TokenValidator<HttpRequest<?>> {
  static final String ROLE = "METRICS";
  static final String PATH = "/prometheus";

  private final byte[] token;

  ScrapeToken(@Value("${saknad.metrics.scrape-token}") String token) {
    if (token.length() < 32) {
      throw new ConfigurationException(
          "saknad.metrics.scrape-token must be at least 32 characters");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Publisher<Authentication> validateToken(String presented, HttpRequest<?> request) {
    if (request == null
        || !PATH.equals(request.getPath())
        || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      return Mono.empty();
    }
    return Mono.just(Authentication.build("prometheus", List.of(ROLE), Map.of()));
  }
}
