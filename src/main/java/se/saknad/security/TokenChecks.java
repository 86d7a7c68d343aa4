package se.saknad.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Checks on every token beyond its signature and expiry: it must carry an expiry and an issue time
 * (a token without {@code exp} would never expire), and its account must still be enabled and not
 * have had its tokens ended (disabled, password reset or changed) after it was issued.
 *
 * <p>The account state may be read from the database (when its cached entry is older than the check
 * interval). That never happens on the Netty event loop: micronaut-security-jwt's {@code
 * JwtTokenValidator} runs the claims validators on the {@code blocking} executor.
 */
@Singleton
class TokenChecks implements GenericJwtClaimsValidator<HttpRequest<?>> {
  private final AccountStates accounts;

  TokenChecks(AccountStates accounts) {
    this.accounts = accounts;
  }

  @Override
  public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
    Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
    Instant issued = instant(claims.get(Claims.ISSUED_AT));
    Object user = claims.get(Caller.USER_ID);
    if (expires == null || issued == null || user == null) {
      return false;
    }
    UUID userId;
    try {
      userId = UUID.fromString(user.toString());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return accounts.of(userId).accepts(issued);
  }

  private static Instant instant(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Number seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    return null;
  }
}
