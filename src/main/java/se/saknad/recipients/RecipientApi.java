package se.saknad.recipients;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.geo.GeoPoint;

/** API records of recipients: who is alerted, by which phones, for which area. */
public final class RecipientApi {
  private RecipientApi() {}

  public enum Kind {
    POLICE,
    SOCIAL_SERVICES,
    SHELTER,
    GUARDIAN,
    MIGRATION_AGENCY,
    OTHER,
    /** Regional coordinator against trafficking: receives referrals, never disappearance alerts. */
    TRAFFICKING_COORDINATOR,
    /**
     * A partner system that takes alerts as CAP from its feed ({@code /api/v1/cap/feed.atom}),
     * never by SMS: scoped by its coverage like any recipient, its contacts are whom to ask about
     * the connection.
     */
    PARTNER
  }

  /** Exactly one way of naming the area. */
  @Serdeable
  public record Coverage(
      @Nullable @Size(min = 1, max = 300) List<@NotBlank String> municipalityCodes,
      @Nullable @Size(min = 1, max = 21) List<@NotBlank String> countyCodes,
      @Nullable String policeRegion,
      @Nullable Map<String, Object> geojson,
      @Nullable @Valid GeoPoint center,
      @Nullable Long radiusMeters) {}

  @Serdeable
  public record Contact(
      @NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 20) String phone) {
    /** A phone as people type it (070-123 45 67) is kept in E.164 (+46701234567). */
    public Contact {
      phone = se.saknad.common.PhoneNumbers.normalize(phone);
    }
  }

  @Serdeable
  public record RecipientRequest(
      @NotBlank @Size(max = 200) String name,
      @NotNull Kind kind,
      @NotNull @Valid Coverage coverage,
      @NotEmpty @Size(max = 20) List<@Valid @NotNull Contact> contacts,
      @Nullable Boolean acknowledgementRequired,
      @Nullable @Min(1) @Max(1440) Integer escalateAfterMinutes,
      @Nullable
          @Schema(
              implementation = Integer.class,
              nullable = true,
              minimum = "1",
              maximum = "1440",
              description =
                  "minutes after the last SMS escalation step before the contacts are called;"
                      + " null = never called; absent = 15 for POLICE, never for other kinds")
          VoiceAfter voiceAfterMinutes) {}

  /**
   * The JSON value of {@code voiceAfterMinutes} when it was given: a number of minutes, or null
   * (explicitly no calls). An absent field is no VoiceAfter at all, so that the kind's default
   * applies.
   */
  public record VoiceAfter(@Nullable Integer minutes) {}

  @Serdeable
  public record ContactView(UUID id, int position, String name, String phone, boolean optedOut) {}

  @Serdeable
  public record RecipientView(
      UUID id,
      String name,
      Kind kind,
      Coverage coverage,
      List<ContactView> contacts,
      boolean acknowledgementRequired,
      int escalateAfterMinutes,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer voiceAfterMinutes,
      Instant createdAt,
      Instant updatedAt) {}

  /** A recipient as alerting sees it. */
  public record Target(UUID id, String name, Kind kind, boolean acknowledgementRequired) {}

  /**
   * A query to be embedded in a larger statement, with the values of its {@code ?} in the order
   * they are written.
   */
  public record SqlQuery(String sql, List<Object> params) {}
}
