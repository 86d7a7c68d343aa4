package se.saknad.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** bcrypt, cost 12: slow enough to hurt a thief, fast enough for a sign-in. */
@Singleton
class PasswordHasher {
  private static final int COST = 12;
  // Compared against when the account does not exist, so timing does not reveal which names exist.
  private final String decoy = hash("decoy-password-for-unknown-accounts");

  String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  boolean matches(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordRules.MAX_BYTES) {
      // bcrypt reads 72 bytes at most; no stored password is longer, so this one is wrong.
      BCrypt.verifyer().verify(new byte[] {0x2a}, hash.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  void burnTime(String password) {
    matches(password, decoy);
  }
}
