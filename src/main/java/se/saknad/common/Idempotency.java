package se.saknad.common;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the requests that create: the first request with a key creates and
 * remembers the id of what it created, in the same transaction; a later one with the same key and
 * the same body gets that record again; the same key with another body is a 422. Keys are the
 * caller's own (per user) and kept for a day.
 */
@Singleton
public class Idempotency {
  public static final String HEADER = "Idempotency-Key";

  private final Db db;
  private final JsonMapper json;
  private final Workers workers;

  Idempotency(Db db, JsonMapper json, Workers workers) {
    this.db = db;
    this.json = json;
    this.workers = workers;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("idempotency-prune", Duration.ofMinutes(5), Duration.ofHours(1), this::prune);
  }

  /**
   * Runs {@code create} once per key: without a key, every time. {@code idOf} names what was
   * created, {@code replay} reads it again for a repeated request.
   */
  @Transactional
  public <T> T once(
      @Nullable String key,
      UUID userId,
      String endpoint,
      Object body,
      Supplier<T> create,
      Function<T, UUID> idOf,
      Function<UUID, T> replay) {
    if (key == null) {
      return create.get();
    }
    if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw ProblemException.invalid(HEADER, "1 to 200 visible ASCII characters");
    }
    String hash = hash(endpoint, body);
    // A concurrent request with the same key waits here until the first one commits or rolls back.
    int claimed =
        db.update(
            "INSERT INTO idempotent_request (user_id, idempotency_key, endpoint, request_hash)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            userId,
            key,
            endpoint,
            hash);
    if (claimed == 0) {
      Optional<Object[]> first =
          db.one(
              "SELECT request_hash, result_id FROM idempotent_request"
                  + " WHERE user_id = ? AND idempotency_key = ?",
              rs -> new Object[] {rs.getString("request_hash"), Db.uuid(rs, "result_id")},
              userId,
              key);
      if (first.isPresent() && first.get()[0].equals(hash) && first.get()[1] != null) {
        return replay.apply((UUID) first.get()[1]);
      }
      throw new ProblemException(
          io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY,
          "idempotency-key-reused",
          "The Idempotency-Key was used for another request",
          "Use a new key for a new request; the same key only to repeat the same request",
          List.of(new FieldError(HEADER, "used before for another request")),
          null);
    }
    T created = create.get();
    db.update(
        "UPDATE idempotent_request SET result_id = ? WHERE user_id = ? AND idempotency_key = ?",
        idOf.apply(created),
        userId,
        key);
    return created;
  }

  /** Keys are for retries within minutes; a day is ample. */
  @Transactional
  void prune() {
    db.update("DELETE FROM idempotent_request WHERE created_at < now() - interval '1 day'");
  }

  private String hash(String endpoint, Object body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(json.writeValueAsBytes(body));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the request", e);
    }
  }
}
