package se.saknad.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import se.saknad.geo.GeoPoint;

/** API records of disappearance cases. */
public final class CaseApi {
  private CaseApi() {}

  public enum RiskLevel {
    HIGH,
    ELEVATED,
    STANDARD
  }

  public enum Status {
    MISSING,
    LOCATED,
    RETURNED,
    CLOSED
  }

  @Serdeable
  public record DisappearanceReport(
      @NotNull OffsetDateTime lastSeenAt,
      @NotNull @Valid GeoPoint lastSeenLocation,
      @Nullable @Size(max = 300) String lastSeenPlace,
      @Nullable @Size(max = 1000) String clothing,
      @Nullable @Size(max = 4000) String circumstances,
      @NotNull RiskLevel riskLevel) {}

  @Serdeable
  public record SightingReport(
      @NotNull OffsetDateTime seenAt,
      @NotNull @Valid GeoPoint location,
      @Nullable @Size(max = 2000) String note) {}

  @Serdeable
  public record ReturnReport(
      @NotNull OffsetDateTime returnedAt,
      @Nullable @Valid GeoPoint location,
      @NotBlank @Size(max = 200) String foundBy,
      @NotBlank @Size(max = 1000) String condition,
      @Nullable @Size(max = 4000) String note) {}

  @Serdeable
  public record StatusChange(@NotNull Status status, @Nullable @Size(max = 1000) String note) {}

  @Serdeable
  public record SearchArea(GeoPoint center, long radiusMeters) {}

  @Serdeable
  public record ChildSummary(
      UUID id,
      String givenName,
      String familyName,
      @Nullable Integer age,
      String gender,
      @Nullable String dossierNumber) {}

  @Serdeable
  public record SightingView(
      UUID id, Instant seenAt, GeoPoint location, String municipalityCode, String note) {}

  @Serdeable
  public record ReturnView(
      Instant returnedAt,
      @Nullable GeoPoint location,
      String foundBy,
      String condition,
      String note) {}

  @Serdeable
  public record CaseView(
      UUID id,
      String code,
      Status status,
      ChildSummary child,
      UUID homeId,
      Instant lastSeenAt,
      GeoPoint lastSeenLocation,
      String lastSeenPlace,
      String clothing,
      String circumstances,
      RiskLevel riskLevel,
      String municipalityCode,
      String policeRegion,
      SearchArea searchArea,
      Instant reportedAt,
      @Nullable Instant returnedAt,
      @Nullable Instant debriefDueBy,
      @Nullable Instant closedAt,
      List<SightingView> sightings,
      @Nullable ReturnView returnDetails,
      @Nullable AlertApi.FirstAlert alert,
      List<AlertApi.AlertView> alerts,
      SearchSheet sheet,
      String description,
      List<String> languages,
      List<String> riskIndicators,
      @Nullable String homePhone,
      boolean hasPhoto,
      @Nullable LocalDate photoTakenOn,
      List<Acknowledgement> acknowledgements,
      boolean mayAcknowledge) {}

  /** Names for the codes of the search sheet, so that every reader sees words. */
  @Serdeable
  public record SearchSheet(
      String homeName, String municipalityName, String policeRegionName, long minutesMissing) {}

  /** Who has acknowledged the case's alerts: the recipient, when and how. */
  @Serdeable
  public record Acknowledgement(
      @Nullable UUID recipientId, String recipientName, String kind, String channel, Instant at) {}
}
