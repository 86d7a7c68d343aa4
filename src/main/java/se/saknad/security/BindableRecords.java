package se.saknad.security;

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
}
