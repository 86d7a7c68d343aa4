package se.saknad.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: 12 to 72 bytes in UTF-8 (bcrypt reads no more than 72), not one
 * character repeated, and not a common password or a common password with digits or punctuation
 * added at the end (the list ships in {@code security/common-passwords.txt}).
 */
final class PasswordRules {
  static final int MIN_BYTES = 12;
  static final int MAX_BYTES = 72;
  private static final Set<String> COMMON = load();

  private PasswordRules() {}

  /** Why the password is refused, or empty when it is acceptable. Never quotes the password. */
  static Optional<String> problem(String password) {
    int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
      return Optional.of("must be 12 to 72 bytes long (UTF-8)");
    }
    if (password.codePoints().distinct().count() == 1) {
      return Optional.of("is one character repeated");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String stem = lower.replaceAll("[\\p{N}\\p{P}\\p{S}\\s]+$", "");
    if (COMMON.contains(lower) || stem.isEmpty() || COMMON.contains(stem)) {
      return Optional.of("is too common; choose a longer phrase of your own");
    }
    return Optional.empty();
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in =
            PasswordRules.class.getResourceAsStream("/security/common-passwords.txt");
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    java.util.Objects.requireNonNull(in, "common-passwords.txt is missing"),
                    StandardCharsets.UTF_8))) {
      reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
