package se.saknad.debriefs;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The coded lists of a debrief, with Swedish and English labels. */
public final class DebriefCodes {
  private DebriefCodes() {}

  @Serdeable
  public record Code(String code, String sv, String en) {}

  /** Why the child left: push factors (away from) and pull factors (towards). */
  public enum Reason {
    FEAR_OF_DEPORTATION("Rädsla för utvisning", "Fear of deportation"),
    AGE_ASSESSMENT("Åldersbedömning", "Age assessment"),
    ASYLUM_DECISION("Beslut i asylärendet", "Asylum decision"),
    CONFLICT_AT_HOME("Konflikt på boendet", "Conflict at the home"),
    THREATS_OR_BULLYING("Hot eller mobbning", "Threats or bullying"),
    TO_REACH_RELATIVES("För att nå släktingar", "To reach relatives"),
    TO_REACH_ANOTHER_COUNTRY("För att ta sig till ett annat land", "To reach another country"),
    PRESSURE_BY_ADULTS("Påtryckningar från vuxna", "Pressure by adults"),
    EXPLOITATION("Utnyttjande", "Exploitation"),
    FRIENDS_OR_PARTNER("Vänner eller partner", "Friends or partner"),
    SUBSTANCE_USE("Missbruk", "Substance use"),
    WORK_OR_MONEY("Arbete eller pengar", "Work or money"),
    ISOLATION_OR_BOREDOM("Isolering eller sysslolöshet", "Isolation or boredom"),
    OTHER("Annat", "Other"),
    // A held interview names at least one reason; this is the honest one when the child kept it.
    DECLINED_TO_SAY("Ville inte berätta", "Declined to say");

    final String sv;
    final String en;

    Reason(String sv, String en) {
      this.sv = sv;
      this.en = en;
    }
  }

  /** Where and with whom the child stayed. */
  public enum Whereabouts {
    WITH_RELATIVES("Hos släktingar", "With relatives"),
    WITH_FRIENDS_OWN_AGE("Hos jämnåriga vänner", "With friends of own age"),
    WITH_UNKNOWN_ADULTS("Hos okända vuxna", "With unknown adults"),
    WITH_PARTNER("Hos partner", "With a partner"),
    SLEEPING_ROUGH("Sov ute", "Sleeping rough"),
    ANOTHER_MUNICIPALITY("I en annan kommun", "In another municipality"),
    ANOTHER_COUNTRY("I ett annat land", "In another country"),
    DECLINED_TO_SAY("Ville inte berätta", "Declined to say");

    final String sv;
    final String en;

    Whereabouts(String sv, String en) {
      this.sv = sv;
      this.en = en;
    }
  }

  /** Signs of exploitation seen or told. */
  public enum Exploitation {
    LABOUR("Arbete", "Labour"),
    SEXUAL("Sexuellt", "Sexual"),
    CRIMINAL("Kriminalitet", "Criminal"),
    BEGGING("Tiggeri", "Begging"),
    DEBT_BONDAGE("Skuldslaveri", "Debt bondage"),
    NONE_OBSERVED("Inga tecken", "None observed");

    final String sv;
    final String en;

    Exploitation(String sv, String en) {
      this.sv = sv;
      this.en = en;
    }
  }

  public enum InterviewerRole {
    SOCIAL_WORKER("Socialsekreterare", "Social worker"),
    INDEPENDENT_INTERVIEWER("Oberoende samtalsledare", "Independent interviewer"),
    HVB_STAFF("Personal på boendet", "Staff of the home"),
    GUARDIAN("God man", "Guardian"),
    OTHER("Annan", "Other");

    final String sv;
    final String en;

    InterviewerRole(String sv, String en) {
      this.sv = sv;
      this.en = en;
    }
  }

  public enum Outcome {
    HELD("Samtal hållet", "Interview held"),
    DECLINED("Barnet avböjde", "The child declined"),
    NOT_HELD("Inte hållet", "Not held");

    final String sv;
    final String en;

    Outcome(String sv, String en) {
      this.sv = sv;
      this.en = en;
    }
  }

  /** Every coded list with its labels, for the API and the Ombudsman's report. */
  public static Map<String, List<Code>> all() {
    Map<String, List<Code>> all = new LinkedHashMap<>();
    all.put("reasons", codes(Reason.values(), r -> r.sv, r -> r.en));
    all.put("whereabouts", codes(Whereabouts.values(), w -> w.sv, w -> w.en));
    all.put("exploitationIndicators", codes(Exploitation.values(), e -> e.sv, e -> e.en));
    all.put("interviewerRoles", codes(InterviewerRole.values(), i -> i.sv, i -> i.en));
    all.put("outcomes", codes(Outcome.values(), o -> o.sv, o -> o.en));
    return all;
  }

  private static <E extends Enum<E>> List<Code> codes(
      E[] values, Function<E, String> sv, Function<E, String> en) {
    return Arrays.stream(values).map(v -> new Code(v.name(), sv.apply(v), en.apply(v))).toList();
  }
}
