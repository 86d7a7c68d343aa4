package se.saknad.research;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.saknad.common.KeptSecrets;

/**
 * The stable pseudonymous key of a child: HMAC-SHA256 of the child's id with SAKNAD_RESEARCH_KEY.
 * The same child keeps the same key across episodes; without the key it cannot be reversed or
 * recomputed. The embedded default makes a key and keeps it; elsewhere it must be configured.
 */
@Singleton
class ChildKeys {
  private final byte[] key;

  ChildKeys(
      @Value("${saknad.research-key:}") String configured,
      @Value("${saknad.embedded:false}") boolean embedded,
      @Value("${saknad.data-dir:.saknad}") String dataDir) {
    String secret = configured == null || configured.isBlank() ? null : configured;
    if (secret == null && embedded) {
      secret = KeptSecrets.readOrCreate(Path.of(dataDir, "research-key"));
    }
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalStateException("SAKNAD_RESEARCH_KEY must be set to at least 32 bytes");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  String keyOf(UUID childId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(childId.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
