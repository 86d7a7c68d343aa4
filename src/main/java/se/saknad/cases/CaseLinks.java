package se.saknad.cases;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The short link to a case that alert SMS carry: {@code /c/} and the case id in 22 URL-safe
 * characters instead of 36, because every character of an SMS counts against its segments.
 */
public final class CaseLinks {
  public static final String PREFIX = "/c/";

  private CaseLinks() {}

  public static String path(UUID caseId) {
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(caseId.getMostSignificantBits()).putLong(caseId.getLeastSignificantBits());
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** The case id in a short key, or in a plain UUID (links sent before keys were short). */
  public static Optional<UUID> caseId(String key) {
    if (key == null) {
      return Optional.empty();
    }
    try {
      if (key.length() == 36) {
        return Optional.of(UUID.fromString(key));
      }
      if (key.length() != 22) {
        return Optional.empty();
      }
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(key));
      return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
