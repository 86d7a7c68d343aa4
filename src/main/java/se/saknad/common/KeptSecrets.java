package se.saknad.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets the embedded default makes once and keeps in its data directory. */
public final class KeptSecrets {
  private KeptSecrets() {}

  /** The secret in {@code file}, made (384 random bits, owner-only) when the file is missing. */
  public static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = HexFormat.of().formatHex(random);
      Files.writeString(file, secret);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the directory's own protection has to do
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
