package se.saknad.concerns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API records of concerns about a child before a disappearance (orosanmälan). */
public final class ConcernApi {
  private ConcernApi() {}

  /**
   * The signs a concern can carry, from the indicator lists of the national method support against
   * trafficking (NMT), the Migration Agency and UNODC's child indicators; each says whether it is a
   * sign of exploitation, which also tells the regional coordinator against trafficking.
   */
  public enum Sign {
    CONTACT_WITH_UNKNOWN_ADULTS("Kontakt med okända vuxna", true),
    PICKED_UP_BY_STRANGERS("Hämtas eller skjutsas av okända", true),
    UNEXPLAINED_MONEY_OR_PHONE("Oförklarliga pengar, telefon eller kläder", true),
    CONTROLLED_BY_CALLER("Styrs av någon som ringer ofta", true),
    WORKS_OR_OWES_DEBT("Verkar arbeta åt någon eller ha en skuld", true),
    SIGNS_OF_SEXUAL_EXPLOITATION("Tecken på sexuell exploatering", true),
    AWAY_WITHOUT_EXPLANATION("Borta ofta utan förklaring", true),
    TALKS_OF_LEAVING("Pratar om att ge sig av", false),
    MISSES_SCHOOL("Uteblir från skolan", false),
    FEARS_ASYLUM_DECISION("Rädd inför asylbeslut eller åldersbedömning", false),
    SUBSTANCE_USE("Använder alkohol eller droger", false),
    WITHDRAWN_OR_AFRAID("Verkar rädd eller drar sig undan", false),
    OTHER("Annat (se anteckningen)", false);

    public final String sv;
    public final boolean exploitation;

    Sign(String sv, boolean exploitation) {
      this.sv = sv;
      this.exploitation = exploitation;
    }
  }

  public enum Status {
    OPEN,
    ASSESSED,
    ESCALATED,
    CLOSED
  }

  /** Social services' protection assessment (skyddsbedömning). */
  public enum AssessmentOutcome {
    IMMEDIATE_PROTECTION("Barnet behöver skydd omedelbart"),
    INVESTIGATION_OPENED("Utredning inleds"),
    SUPPORT_OFFERED("Stöd erbjuds utan utredning"),
    NO_PROTECTION_NEEDED("Inget skyddsbehov just nu");

    public final String sv;

    AssessmentOutcome(String sv) {
      this.sv = sv;
    }
  }

  public enum CloseOutcome {
    CONCERN_RESOLVED("Oron kvarstår inte"),
    HANDLED_IN_INVESTIGATION("Hanteras i socialtjänstens utredning"),
    CHILD_MOVED("Barnet har flyttat"),
    OTHER("Annat");

    public final String sv;

    CloseOutcome(String sv) {
      this.sv = sv;
    }
  }

  @Serdeable
  public record NewConcern(
      @NotNull OffsetDateTime observedAt,
      @NotEmpty @Size(max = 13) List<@NotNull Sign> signs,
      @Nullable @Size(max = 2000) String note) {}

  @Serdeable
  public record AssessmentRequest(
      @NotNull AssessmentOutcome outcome, @Nullable @Size(max = 2000) String note) {}

  @Serdeable
  public record CloseRequest(@NotNull CloseOutcome outcome) {}

  /** Who was told by SMS: the recipient (none for the guardian), its name and kind. */
  @Serdeable
  public record Notified(@Nullable UUID id, String name, String kind) {}

  @Serdeable
  public record Assessment(AssessmentOutcome outcome, String note, Instant assessedAt) {}

  /** A concern as its readers see it: the child's first name only, never the family name. */
  @Serdeable
  public record ConcernView(
      UUID id,
      UUID childId,
      String childGivenName,
      UUID homeId,
      Status status,
      Instant observedAt,
      List<Sign> signs,
      boolean exploitation,
      String note,
      Instant recordedAt,
      Instant assessmentDueBy,
      boolean assessmentOverdue,
      @Nullable Assessment assessment,
      @Nullable UUID caseId,
      @Nullable Instant closedAt,
      @Nullable CloseOutcome closeOutcome,
      List<Notified> notified,
      boolean mayAssess,
      boolean mayReportMissing) {}

  @Serdeable
  public record SignCode(String code, String text, boolean exploitation) {}

  @Serdeable
  public record OutcomeCode(String code, String text) {}

  @Serdeable
  public record Outcomes(List<OutcomeCode> assessment, List<OutcomeCode> close) {}
}
