package se.saknad.cases;

import java.time.Instant;
import java.util.UUID;
import se.saknad.common.PageTokens;

/**
 * Where a page of the case list ended: the newest-first order is (reported_at, id), so the next
 * page starts after this pair however many cases are reported meanwhile.
 */
record ListPosition(Instant reportedAt, UUID id) {
  String token(PageTokens tokens) {
    return tokens.token(
        String.valueOf(reportedAt.getEpochSecond()),
        String.valueOf(reportedAt.getNano()),
        id.toString());
  }

  static ListPosition of(PageTokens tokens, String token) {
    return tokens.read(
        token,
        3,
        parts ->
            new ListPosition(
                Instant.ofEpochSecond(Long.parseLong(parts.get(0)), Long.parseLong(parts.get(1))),
                UUID.fromString(parts.get(2))));
  }
}
