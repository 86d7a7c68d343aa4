package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's secrets are the owner's alone from the moment they exist. */
class KeptSecretsTest {
  @TempDir Path temp;

  @Test
  void aNewSecretIsOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
    Path file = temp.resolve("data").resolve("jwt-secret");
    String secret = KeptSecrets.readOrCreate(file);
    assertEquals(96, secret.length());
    assertEquals("rw-------", mode(file));
    assertEquals("rwx------", mode(file.getParent()));
    assertEquals(secret, KeptSecrets.readOrCreate(file), "kept: the same secret again");
    try (var left = Files.list(file.getParent())) {
      assertEquals(List.of(file), left.toList(), "no temporary file left behind");
    }
  }

  @Test
  void anOpenFolderAndAReadableSecretOfAnOlderVersionAreClosed() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("old"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.writeString(folder.resolve("research-key"), "an-older-secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals("an-older-secret", KeptSecrets.readOrCreate(file));
    assertEquals("rw-------", mode(file));
    assertEquals("rwx------", mode(folder));
  }

  @Test
  void processesMakingTheSameSecretAtOnceAllGetTheOneThatWasKept() throws Exception {
    Path file = temp.resolve("race").resolve("sms-sandbox-key");
    int makers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(makers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> made = new ArrayList<>();
      for (int i = 0; i < makers; i++) {
        made.add(
            pool.submit(
                () -> {
                  start.await();
                  return KeptSecrets.readOrCreate(file);
                }));
      }
      start.countDown();
      Set<String> secrets = new HashSet<>();
      for (Future<String> f : made) {
        secrets.add(f.get());
      }
      assertEquals(Set.of(Files.readString(file).trim()), secrets);
      assertTrue(Files.readString(file).trim().length() == 96);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
