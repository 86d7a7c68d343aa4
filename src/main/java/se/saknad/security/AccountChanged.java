package se.saknad.security;

import java.util.UUID;

/**
 * An account was disabled, enabled, reset or had its password changed, published in the transaction
 * of the change so that the audit trail records it with the change.
 */
public record AccountChanged(Caller by, String action, UUID userId, String endpoint) {}
