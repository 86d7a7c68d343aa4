package se.saknad.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
    CLOSED,
    /** Reported by mistake (the child was never missing): withdrawn, counted nowhere. */
    WITHDRAWN
  }

  @Serdeable
  public record DisappearanceReport(
      @NotNull OffsetDateTime lastSeenAt,
      @NotNull @Valid GeoPoint lastSeenLocation,
      @Nullable @Size(max = 300) String lastSeenPlace,
      @Nullable @Size(max = 1000) String clothing,
      @Nullable @Size(max = 4000) String circumstances,
      @Nullable RiskLevel riskLevel,
      @Nullable @Size(max = 30) Map<String, Boolean> riskAnswers,
      @Nullable @Size(max = 1000) String riskOverrideReason) {

    /** A report graded by hand, without risk questions. */
    public DisappearanceReport(
        OffsetDateTime lastSeenAt,
        GeoPoint lastSeenLocation,
        String lastSeenPlace,
        String clothing,
        String circumstances,
        RiskLevel riskLevel) {
      this(
          lastSeenAt,
          lastSeenLocation,
          lastSeenPlace,
          clothing,
          circumstances,
          riskLevel,
          null,
          null);
    }

    /** The same report with other circumstances. */
    public DisappearanceReport withCircumstances(String text) {
      return new DisappearanceReport(
          lastSeenAt,
          lastSeenLocation,
          lastSeenPlace,
          clothing,
          text,
          riskLevel,
          riskAnswers,
          riskOverrideReason);
    }
  }

  /**
   * Where a report came from when it was not reported directly: the concern it turns into a case,
   * and the lowest grade that concern allows.
   */
  public record ReportOrigin(UUID concernId, RiskLevel atLeast) {}

  /** Regulation (EU) 2018/1862 Art. 32(1): the categories of a SIS alert on a missing person. */
  public enum SisCategory {
    /** (a) a missing person who needs to be placed under protection. */
    MISSING_TO_BE_PROTECTED,
    /** (b) a missing person who does not need to be placed under protection. */
    MISSING_NOT_TO_BE_PROTECTED,
    /** (c) a child at risk of abduction by a parent, family member or guardian. */
    CHILD_AT_RISK_OF_ABDUCTION,
    /** (d)(i) a child at risk of trafficking, forced marriage, FGM or gender-based violence. */
    CHILD_AT_RISK_OF_TRAFFICKING,
    /** (d)(ii) a child at risk of becoming a victim of or involved in terrorist offences. */
    CHILD_AT_RISK_OF_TERRORISM,
    /** (d)(iii) a child at risk of being conscripted into armed groups. */
    CHILD_AT_RISK_OF_ARMED_GROUPS
  }

  @Serdeable
  public record PoliceReferenceRequest(
      @NotBlank @Size(max = 60) @Pattern(regexp = "[0-9A-Za-zÅÄÖåäö][0-9A-Za-zÅÄÖåäö /:.-]*")
          String reference,
      @NotNull Boolean sisAlert,
      @Nullable SisCategory sisCategory) {}

  /** The police's own case number and SIS alert, as every reader of the case sees them. */
  @Serdeable
  public record PoliceReference(
      String reference, boolean sisAlert, @Nullable SisCategory sisCategory, Instant setAt) {}

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

  /** Why a report sent by mistake is withdrawn: kept with the case, never sent by SMS. */
  @Serdeable
  public record Withdrawal(@NotBlank @Size(max = 1000) String reason) {}

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
      boolean mayAcknowledge,
      @Nullable UUID concernId,
      boolean repeatMissing,
      @Nullable Integer episodesInWindow,
      @Nullable RiskQuestions.RiskAssessment riskAssessment,
      @Nullable PoliceReference policeReference,
      @Nullable String withdrawalReason) {}

  /** Names for the codes of the search sheet, so that every reader sees words. */
  @Serdeable
  public record SearchSheet(
      String homeName,
      String municipalityName,
      String policeRegionName,
      long minutesMissing,
      List<YellowNoticeField> yellowNoticeMissing) {}

  /**
   * What an Interpol yellow notice needs of a missing person: family name, given name, sex, year of
   * birth, and a photo or a description. The sheet lists those the profile lacks.
   */
  public enum YellowNoticeField {
    FAMILY_NAME,
    GIVEN_NAME,
    SEX,
    YEAR_OF_BIRTH,
    PHOTO_OR_DESCRIPTION
  }

  /** Who has acknowledged the case's alerts: the recipient, when and how. */
  @Serdeable
  public record Acknowledgement(
      @Nullable UUID recipientId, String recipientName, String kind, String channel, Instant at) {}
}
