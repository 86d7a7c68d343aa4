package se.saknad.security;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import java.util.UUID;

/**
 * A kind of record a user can be bound to (a home, a recipient), answered by the feature that owns
 * it, so that accounts are checked without reading another feature's tables.
 */
public interface BindableRecords {
  /** The user field that holds the binding: {@code homeId} or {@code recipientId}. */
  String field();

  /** What the record is called in an error: "home", "recipient". */
  String noun();

  boolean exists(UUID id);

  /**
   * Why the existing record {@code id} cannot be the binding of a user of this role and area (the
   * message of a 422), or empty when it fits.
   */
  Optional<String> misfit(
      UUID id, Role role, @Nullable String municipalityCode, @Nullable String policeRegion);
}
