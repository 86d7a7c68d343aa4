package se.saknad.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Secrets the embedded default makes once and keeps in its data directory. The directory is the
 * owner's only (0700) and a secret file is never readable by anyone else, not even for a moment: it
 * is written to a temporary file created 0600 and then linked under its name, which fails when
 * another process made the secret first (that one is then read and used).
 */
public final class KeptSecrets {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private KeptSecrets() {}

  /** The secret in {@code file}, made (384 random bits, owner-only) when the file is missing. */
  public static String readOrCreate(Path file) {
    try {
      Path directory = file.toAbsolutePath().getParent();
      ownersOnly(directory);
      if (Files.exists(file)) {
        return read(file);
      }
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = HexFormat.of().formatHex(random);
      Path written =
          POSIX
              ? Files.createTempFile(
                  directory, ".secret-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
              : Files.createTempFile(directory, ".secret-", ".tmp");
      try {
        Files.writeString(written, secret, StandardCharsets.UTF_8);
        Files.createLink(file, written);
        return secret;
      } catch (FileAlreadyExistsException madeMeanwhile) {
        return read(file);
      } catch (UnsupportedOperationException noHardLinks) {
        // A file system without hard links: a move that refuses to replace is the next best.
        try {
          Files.move(written, file);
          return secret;
        } catch (FileAlreadyExistsException madeMeanwhile) {
          return read(file);
        }
      } finally {
        Files.deleteIfExists(written);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's secret; a file left readable by others (an older version wrote it so) is closed. */
  private static String read(Path file) throws IOException {
    if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
      Files.setPosixFilePermissions(file, OWNER_FILE);
    }
    return Files.readString(file).trim();
  }

  /** Creates the directory 0700, or closes an existing one to everyone but its owner. */
  private static void ownersOnly(Path directory) throws IOException {
    if (!POSIX) {
      Files.createDirectories(directory);
      return;
    }
    if (!Files.isDirectory(directory)) {
      FileAttribute<Set<PosixFilePermission>> owner =
          PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY);
      Files.createDirectories(directory, owner);
    }
    if (!Files.getPosixFilePermissions(directory).equals(OWNER_DIRECTORY)) {
      Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
    }
  }
}
