package se.saknad.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import se.saknad.common.BoundedPool;
import se.saknad.common.ProblemException;

/**
 * bcrypt, cost 12: slow enough to hurt a thief, fast enough for a sign-in. Each hash is about a
 * quarter of a second of one core, so hashing has a pool of its own, about one thread per core
 * ({@code saknad.hashing.threads}) with a short queue ({@code saknad.hashing.queue}): a flood of
 * sign-ins can take those cores but never the request threads of everyone else, and when the queue
 * is full the attempt is answered 503 with Retry-After at once instead of waiting in a growing
 * line. The request thread waits for its hash; it holds no database connection meanwhile.
 */
@Singleton
class PasswordHasher {
  private static final int COST = 12;
  private static final long BUSY_RETRY_SECONDS = 2;

  private final ThreadPoolExecutor pool;
  // Compared against when the account does not exist, so timing does not reveal which names exist.
  private final String decoy;

  PasswordHasher(
      @Value("${saknad.hashing.threads:0}") int threads,
      @Value("${saknad.hashing.queue:0}") int queue) {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.pool = BoundedPool.create("hashing", n, queue > 0 ? queue : 4 * n);
    this.decoy = bcrypt("decoy-password-for-unknown-accounts");
  }

  String hash(String password) {
    return onPool(() -> bcrypt(password));
  }

  boolean matches(String password, String hash) {
    return onPool(() -> verify(password, hash));
  }

  void burnTime(String password) {
    matches(password, decoy);
  }

  /** The pool, for the test that fills it. */
  ThreadPoolExecutor pool() {
    return pool;
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }

  private static String bcrypt(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  private static boolean verify(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordRules.MAX_BYTES) {
      // bcrypt reads 72 bytes at most; no stored password is longer, so this one is wrong.
      BCrypt.verifyer().verify(new byte[] {0x2a}, hash.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  private <T> T onPool(Callable<T> work) {
    Future<T> result;
    try {
      result = pool.submit(work);
    } catch (RejectedExecutionException full) {
      throw busy();
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          // The answer is a quarter of a second away at most; keep the interrupt for the caller.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("password hashing failed", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static ProblemException busy() {
    return ProblemException.retryLater(
        HttpStatus.SERVICE_UNAVAILABLE,
        "hashing-busy",
        "Too many sign-ins at once",
        "Every password check is busy and the queue is full; try again after Retry-After seconds",
        BUSY_RETRY_SECONDS);
  }
}
