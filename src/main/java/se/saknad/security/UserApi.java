package se.saknad.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** API records of the user administration. */
public final class UserApi {
  private UserApi() {}

  @Serdeable
  public record NewUser(
      @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
      @NotBlank @Size(min = 12, max = 200) String password,
      @NotNull Role role,
      @Nullable UUID homeId,
      @Nullable UUID recipientId,
      @Nullable @Pattern(regexp = "\\d{4}") String municipalityCode,
      @Nullable @Size(max = 20) String policeRegion) {}

  /**
   * An administrator's change to an account: any of the fields. {@code recipientId} binds the
   * account to another recipient (it must fit the role, as on creation).
   */
  @Serdeable
  public record AccountChange(
      @Nullable Boolean enabled,
      @Nullable @Size(max = 200) String password,
      @Nullable UUID recipientId) {}

  /** Someone changing their own password. */
  @Serdeable
  public record PasswordChange(
      @NotBlank @Size(max = 200) String currentPassword,
      @NotBlank @Size(max = 200) String newPassword) {}

  @Serdeable
  public record UserView(
      UUID id,
      String username,
      Role role,
      @Nullable UUID homeId,
      @Nullable UUID recipientId,
      @Nullable String municipalityCode,
      @Nullable String policeRegion,
      Instant createdAt,
      boolean enabled) {
    static UserView of(UserAccount u) {
      return new UserView(
          u.id(),
          u.username(),
          u.role(),
          u.homeId(),
          u.recipientId(),
          u.municipalityCode(),
          u.policeRegionCode(),
          u.createdAt(),
          u.enabled());
    }
  }
}
