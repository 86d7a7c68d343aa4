package se.saknad.common;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code after} tokens of the paged lists. A token names where a page ended by what the list
 * may put in an address: ids and times, never a name (addresses end up in proxy logs and browser
 * history). It is signed with a key derived from the JWT secret, so every instance reads the tokens
 * of the others, and a token changed by hand, made up, or of another list is a 400.
 */
@Singleton
public class PageTokens {
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
  private static final int SIGNATURE_BYTES = 16;

  private final SecretKeySpec key;

  PageTokens(
      @Value("${saknad.jwt-secret:}") String configured,
      @Value("${saknad.embedded:false}") boolean embedded,
      @Value("${saknad.data-dir:.saknad}") String dataDir) {
    String secret = configured == null || configured.isBlank() ? null : configured;
    if (secret == null && embedded) {
      // The embedded default's JWT secret, the same file the token signing keeps.
      secret = KeptSecrets.readOrCreate(Path.of(dataDir, "jwt-secret"));
    }
    if (secret == null) {
      throw new IllegalStateException("SAKNAD_JWT_SECRET is not set: paging tokens are signed");
    }
    // A key of its own, so that a page token can never pass for anything the JWT key signs.
    byte[] derived =
        hmac(
            new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            "saknad page positions".getBytes(StandardCharsets.UTF_8));
    this.key = new SecretKeySpec(derived, "HmacSHA256");
  }

  /** A token for the position given by these values (ids, numbers; no separator '~' in them). */
  public String token(String... parts) {
    for (String part : parts) {
      if (part.indexOf('~') >= 0) {
        throw new IllegalArgumentException("a position part may not hold '~'");
      }
    }
    byte[] payload = String.join("~", parts).getBytes(StandardCharsets.UTF_8);
    return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(signature(payload));
  }

  /**
   * The values a token holds, exactly {@code count} of them, each accepted by {@code read}; a 400
   * naming {@code after} for anything this service did not sign.
   */
  public <T> T read(String token, int count, Reader<T> read) {
    try {
      int dot = token.indexOf('.');
      byte[] payload = DECODE.decode(token.substring(0, dot));
      byte[] signature = DECODE.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, signature(payload))) {
        throw new IllegalArgumentException("not signed here");
      }
      List<String> parts =
          Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("~", -1));
      if (parts.size() != count) {
        throw new IllegalArgumentException(count + " parts expected");
      }
      return read.read(parts);
    } catch (RuntimeException e) {
      throw ProblemException.badRequest("after", "is not a position this list gave out");
    }
  }

  /** Turns a token's values into a position; throws on values the list cannot have given. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(List<String> parts);
  }

  private byte[] signature(byte[] payload) {
    return Arrays.copyOf(hmac(key, payload), SIGNATURE_BYTES);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
