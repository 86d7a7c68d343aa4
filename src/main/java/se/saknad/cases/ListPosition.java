package se.saknad.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import se.saknad.common.ProblemException;

/**
 * Where a page of the case list ended: the newest-first order is (reported_at, id), so the next
 * page starts after this pair however many cases are reported meanwhile. Clients get it as an
 * opaque token in the {@code next} link and hand it back unchanged.
 */
record ListPosition(Instant reportedAt, UUID id) {
  String token() {
    String plain = reportedAt.getEpochSecond() + "." + reportedAt.getNano() + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** The position a token names; a 400 naming {@code field} for anything this list did not give. */
  static ListPosition of(String token, String field) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\.");
      if (parts.length != 3) {
        throw new IllegalArgumentException("three parts expected");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return new ListPosition(at, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(field, "is not a position this list gave out");
    }
  }
}
