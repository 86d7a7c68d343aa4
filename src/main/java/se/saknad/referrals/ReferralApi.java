package se.saknad.referrals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API records of referrals for suspected trafficking or exploitation. */
public final class ReferralApi {
  private ReferralApi() {}

  public enum Status {
    OPEN,
    ACKNOWLEDGED,
    CLOSED
  }

  /** Why a referral was opened. */
  public enum Reason {
    /** A debrief recorded signs of exploitation (any indicator but NONE_OBSERVED). */
    EXPLOITATION_INDICATORS("Tecken på exploatering i återkomstsamtalet"),
    /** A debrief recorded that the child stayed with unknown adults. */
    WITH_UNKNOWN_ADULTS("Vistades hos okända vuxna"),
    /** The child carries the risk indicator, or a professional suspects it. */
    SUSPECTED_TRAFFICKING("Misstänkt människohandel"),
    /** The child carries the risk indicator, or a professional suspects it. */
    SUSPECTED_EXPLOITATION("Misstänkt exploatering"),
    /**
     * The child went missing again and again (the repeat pattern): an indicator in the national
     * list, so a referral is suggested to the coordinator; never a classification as a victim.
     */
    REPEAT_MISSING("Försvinner upprepade gånger");

    public final String sv;

    Reason(String sv) {
      this.sv = sv;
    }

    /** What a professional may give when opening a referral by hand. */
    boolean byHand() {
      return this == SUSPECTED_TRAFFICKING || this == SUSPECTED_EXPLOITATION;
    }
  }

  /** How a referral ended. */
  public enum Outcome {
    PRESUMED_VICTIM("Bedömd som presumtivt offer"),
    REFERRED_TO_SUPPORT_PROGRAMME("Hänvisad till stödprogram"),
    POLICE_REPORT_FILED("Polisanmälan gjord"),
    NOT_SUBSTANTIATED("Misstanken bekräftades inte"),
    OTHER("Annat");

    public final String sv;

    Outcome(String sv) {
      this.sv = sv;
    }
  }

  public enum Channel {
    SMS,
    WEB,
    VOICE,
    /** A reply typed into the embedded default's SMS sandbox, as the phone. */
    SANDBOX
  }

  @Serdeable
  public record OpenRequest(@NotNull Reason reason) {}

  @Serdeable
  public record CloseRequest(@NotNull Outcome outcome) {}

  /** One line of the list. */
  @Serdeable
  public record ReferralSummary(
      UUID id,
      UUID caseId,
      String caseCode,
      Status status,
      List<Reason> reasons,
      List<String> indicators,
      String policeRegion,
      boolean automatic,
      Instant openedAt,
      @Nullable Instant acknowledgedAt,
      @Nullable Channel acknowledgedChannel,
      @Nullable Instant closedAt,
      @Nullable Outcome outcome) {}

  /** Who was sent the referral; the phone only for coordinators. */
  @Serdeable
  public record NoticeView(
      @Nullable String recipientName,
      String audience,
      @Nullable String phone,
      Instant sentAt,
      @Nullable Instant acknowledgedAt) {}

  /** What the coordinator against trafficking needs to act: no family name, no dossier number. */
  @Serdeable
  public record ChildFacts(
      String givenName,
      @Nullable Integer age,
      String gender,
      String nationality,
      String responsibleMunicipalityCode,
      String responsibleMunicipality) {}

  @Serdeable
  public record ReferralView(
      ReferralSummary referral,
      String caseStatus,
      Instant lastSeenAt,
      @Nullable Instant returnedAt,
      ChildFacts child,
      List<NoticeView> notices,
      boolean mayAct) {}

  /** Counts for research, raw: the caller applies disclosure control. */
  public record Counts(String key, long referrals) {}
}
