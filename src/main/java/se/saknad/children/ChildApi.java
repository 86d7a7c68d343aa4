package se.saknad.children;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API records of children's profiles. */
public final class ChildApi {
  private ChildApi() {}

  public enum Gender {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
  }

  /** Coded risk indicators: what makes a disappearance of this child more dangerous. */
  public enum RiskIndicator {
    PREVIOUS_DISAPPEARANCE,
    SUSPECTED_TRAFFICKING,
    SUSPECTED_EXPLOITATION,
    CONTACT_WITH_UNKNOWN_ADULTS,
    SUBSTANCE_USE,
    SELF_HARM,
    MENTAL_HEALTH_NEEDS,
    MEDICAL_NEEDS,
    PREGNANCY,
    AGE_ASSESSMENT_PENDING,
    DEPORTATION_DECISION,
    RELATIVES_ELSEWHERE
  }

  @Serdeable
  public record Guardian(
      @NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 20) String phone) {
    /** A phone as people type it (070-123 45 67) is kept in E.164 (+46701234567). */
    public Guardian {
      phone = se.saknad.common.PhoneNumbers.normalize(phone);
    }
  }

  @Serdeable
  public record ChildProfile(
      @NotNull UUID homeId,
      @NotBlank @Size(max = 100) String givenName,
      @NotBlank @Size(max = 100) String familyName,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> aliases,
      @Nullable LocalDate dateOfBirth,
      @Nullable @Min(1990) @Max(2100) Integer estimatedBirthYear,
      @NotNull Gender gender,
      @NotNull @Pattern(regexp = "[A-Z]{2}") String nationality,
      @Nullable @Size(max = 10) List<@Pattern(regexp = "[a-z]{2,3}") String> languages,
      @Nullable @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z-]+") String dossierNumber,
      @Nullable @Size(max = 2000) String description,
      @Nullable @Size(max = 20) List<@NotNull RiskIndicator> riskIndicators,
      @Nullable @Valid Guardian guardian,
      @NotNull @Pattern(regexp = "\\d{4}") String responsibleMunicipalityCode) {}

  @Serdeable
  public record ChildView(
      UUID id,
      UUID homeId,
      String givenName,
      String familyName,
      List<String> aliases,
      @Nullable LocalDate dateOfBirth,
      @Nullable Integer estimatedBirthYear,
      @Nullable Integer age,
      Gender gender,
      String nationality,
      List<String> languages,
      @Nullable String dossierNumber,
      String description,
      List<String> riskIndicators,
      @Nullable Guardian guardian,
      String responsibleMunicipalityCode,
      @Nullable UUID mergedInto,
      @Nullable LocalDate placementEndedOn,
      Instant createdAt,
      Instant updatedAt,
      RepeatPattern.Pattern pattern) {}

  @Serdeable
  public record DuplicateCandidate(
      UUID id,
      String givenName,
      String familyName,
      List<String> aliases,
      UUID homeId,
      @Nullable Integer birthYear,
      boolean sameDossierNumber,
      double nameSimilarity) {}

  @Serdeable
  public record MergeRequest(@NotNull UUID otherId) {}

  /** The day the child moved out of the home (or was placed elsewhere) for good. */
  @Serdeable
  public record PlacementEnded(@NotNull LocalDate endedOn) {}

  /**
   * One change to a profile: who, when, what kind, which fields, and the values before and after.
   */
  @Serdeable
  public record ChildChange(
      long id,
      Instant changedAt,
      UUID changedBy,
      @Nullable String changedByUsername,
      String change,
      List<String> changedFields,
      @Nullable Map<String, Object> before,
      @Nullable Map<String, Object> after) {}
}
