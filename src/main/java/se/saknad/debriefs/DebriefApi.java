package se.saknad.debriefs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import se.saknad.debriefs.DebriefCodes.Exploitation;
import se.saknad.debriefs.DebriefCodes.InterviewerRole;
import se.saknad.debriefs.DebriefCodes.Outcome;
import se.saknad.debriefs.DebriefCodes.Reason;
import se.saknad.debriefs.DebriefCodes.Whereabouts;

public final class DebriefApi {
  private DebriefApi() {}

  @Serdeable
  public record DebriefRequest(
      @Nullable Outcome outcome,
      @Nullable @Size(max = 1000) String notHeldReason,
      @Nullable OffsetDateTime conductedAt,
      @NotNull InterviewerRole interviewerRole,
      @Nullable Boolean interviewerIndependent,
      @Nullable Boolean interpreterUsed,
      @Nullable @Pattern(regexp = "[a-z]{2,3}") String language,
      @NotNull Boolean consentToResearch,
      @Nullable @Size(max = 14) List<@NotNull Reason> reasons,
      @Nullable @Size(max = 8000) String reasonsText,
      @Nullable @Size(max = 8) List<@NotNull Whereabouts> whereabouts,
      @Nullable @Size(max = 6) List<@NotNull Exploitation> exploitationIndicators,
      @Nullable @Size(max = 8000) String childStatement) {}

  @Serdeable
  public record DebriefView(
      UUID caseId,
      int version,
      Outcome outcome,
      @Nullable String notHeldReason,
      @Nullable Instant conductedAt,
      InterviewerRole interviewerRole,
      boolean interviewerIndependent,
      boolean interpreterUsed,
      @Nullable String language,
      boolean consentToResearch,
      List<String> reasons,
      String reasonsText,
      List<String> whereabouts,
      List<String> exploitationIndicators,
      String childStatement,
      Instant recordedAt,
      boolean withinDeadline) {}

  @Serdeable
  public record OverdueDebrief(
      UUID caseId,
      String caseCode,
      UUID homeId,
      String responsibleMunicipalityCode,
      Instant returnedAt,
      Instant debriefDueBy,
      boolean reminded,
      @Nullable String homeName,
      @Nullable String responsibleMunicipalityName,
      long daysOverdue) {

    /** The same row with what a coordinator needs to act on it: names, and whole days late. */
    OverdueDebrief named(String home, String municipality, Instant now) {
      long late = Math.max(0, java.time.Duration.between(debriefDueBy, now).toDays());
      return new OverdueDebrief(
          caseId,
          caseCode,
          homeId,
          responsibleMunicipalityCode,
          returnedAt,
          debriefDueBy,
          reminded,
          home,
          municipality,
          late);
    }
  }
}
