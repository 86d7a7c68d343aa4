package se.saknad.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("app_user")
record UserAccount(
    @Id UUID id,
    String username,
    String passwordHash,
    Role role,
    @Nullable UUID homeId,
    @Nullable UUID recipientId,
    @Nullable String municipalityCode,
    @Nullable String policeRegionCode,
    Instant createdAt,
    boolean enabled,
    @Nullable Instant tokensValidAfter) {}
