package se.saknad.messaging.provider;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import se.saknad.common.KeptSecrets;

/**
 * The key that signs the SMS sandbox's replies in the embedded default (no provider, no provider
 * token), kept in the data directory. It exists only there: with Twilio configured, or outside the
 * embedded default, there is no sandbox and only the provider's signature is accepted.
 */
@Singleton
@Requires(property = "saknad.embedded", value = "true")
@Requires(missingProperty = "twilio.account-sid")
@Requires(missingProperty = "twilio.auth-token")
public class SandboxKey {
  private final String key;

  SandboxKey(@Value("${saknad.data-dir:.saknad}") String dataDir) {
    this.key = KeptSecrets.readOrCreate(Path.of(dataDir, "sms-sandbox-key"));
  }

  public String key() {
    return key;
  }
}
