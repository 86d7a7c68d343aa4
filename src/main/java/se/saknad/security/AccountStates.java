package se.saknad.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether an account may still use its tokens: enabled, and the token issued after the account's
 * {@code tokens_valid_after}. Kept a few seconds per account, so a busy user costs one query per
 * interval rather than one per request; changes made on this instance take effect at once, those
 * made on another instance within the interval.
 */
@Singleton
class AccountStates {
  record State(boolean enabled, Instant tokensValidAfter) {
    boolean accepts(Instant issuedAt) {
      return enabled && (tokensValidAfter == null || !issuedAt.isBefore(tokensValidAfter));
    }
  }

  private static final State GONE = new State(false, null);

  private final TransactionOperations<Connection> transactions;
  private final Cache<UUID, State> states;

  AccountStates(
      TransactionOperations<Connection> transactions,
      @Value("${saknad.login.account-check-interval:5s}") Duration interval) {
    this.transactions = transactions;
    this.states = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(10_000).build();
  }

  State of(UUID userId) {
    return states.get(userId, this::load);
  }

  /** An account changed in the current transaction. */
  record Changed(UUID userId) {}

  void forget(UUID userId) {
    states.invalidate(userId);
  }

  /**
   * Forgotten again once the change is committed: a request reading the account between the change
   * and the commit would otherwise keep the old state for the whole interval.
   */
  @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
  void onChanged(Changed change) {
    forget(change.userId());
  }

  private State load(UUID userId) {
    return transactions.executeRead(
        status -> {
          try (var statement =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT enabled, tokens_valid_after FROM app_user WHERE id = ?")) {
            statement.setObject(1, userId);
            try (ResultSet rs = statement.executeQuery()) {
              if (!rs.next()) {
                return GONE;
              }
              Timestamp after = rs.getTimestamp(2);
              return new State(
                  rs.getBoolean(1),
                  Optional.ofNullable(after).map(Timestamp::toInstant).orElse(null));
            }
          }
        });
  }
}
