package se.saknad.alerts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import se.saknad.cases.Cases.CaseFacts;

/**
 * Swedish SMS texts. They carry the case code, first name, age, gender, where and when last seen,
 * clothing, risk grade and the reply instruction; never a family name or dossier number. They aim
 * at two GSM-7 segments (306 characters): clothing and place give way first.
 */
@Singleton
class AlertTexts {
  static final int TWO_SEGMENTS = 306;
  static final int TWO_SEGMENTS_COUNT = 2;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm d/M");

  private final String publicBaseUrl;
  private final long repeatWindowDays;

  AlertTexts(
      @Value("${saknad.public-base-url}") String publicBaseUrl,
      @Value("${saknad.repeat.window:90d}") java.time.Duration repeatWindow) {
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.repeatWindowDays = repeatWindow.toDays();
  }

  String link(CaseFacts c) {
    return publicBaseUrl + se.saknad.cases.CaseLinks.path(c.id());
  }

  String alert(CaseFacts c, AlertKind kind) {
    return alert(c, kind, false);
  }

  /**
   * The alert; for social services a repeat case also says so ("Upprepat försvunnen: 3 gånger på 90
   * dagar", the configured window), since a repeat calls for a meeting of the agencies and is
   * theirs to call.
   */
  String alert(CaseFacts c, AlertKind kind, boolean forSocialServices) {
    String repeat =
        forSocialServices && c.repeatMissing() && c.episodesInWindow() != null
            ? "Upprepat försvunnen: "
                + c.episodesInWindow()
                + " gånger på "
                + repeatWindowDays
                + " dagar. "
            : "";
    String place = fit(c.lastSeenPlace(), 300);
    String clothes = fit(c.clothing(), 300);
    String text = compose(c, kind, place, clothes, repeat);
    // Two segments by the real rules: GSM-7 when every character allows, UCS-2 otherwise.
    int over = over(text);
    if (over > 0 && !clothes.isEmpty()) {
      clothes = fit(clothes, clothes.length() - over);
      text = compose(c, kind, place, clothes, repeat);
      over = over(text);
    }
    if (over > 0 && !place.isEmpty()) {
      place = fit(place, place.length() - over);
      text = compose(c, kind, place, clothes, repeat);
    }
    return text;
  }

  /** How many units the text is over two segments (0 or less when it fits). */
  private static int over(String text) {
    return SmsSegments.units(text)
        - SmsSegments.capacity(SmsSegments.isGsm7(text), TWO_SEGMENTS_COUNT);
  }

  private String compose(CaseFacts c, AlertKind kind, String place, String clothes, String repeat) {
    StringBuilder text = new StringBuilder("SAKNAD ").append(c.code());
    text.append(kind == AlertKind.ALERT ? ": " : " UPPDATERING: ");
    text.append(SmsSegments.plain(c.givenName())).append(", ");
    text.append(c.age() == null ? "okänd ålder" : c.age() + " år").append(", ");
    text.append(gender(c.gender())).append(". ");
    if (c.latestSightingAt() != null) {
      text.append("Sedd ").append(time(c.latestSightingAt()));
      text.append(" i ").append(c.latestSightingMunicipality()).append(". ");
    } else {
      text.append("Senast sedd ").append(time(c.lastSeenAt()));
      text.append(place.isEmpty() ? "" : " " + place).append(". ");
    }
    if (!clothes.isEmpty()) {
      text.append("Klädsel: ").append(clothes).append(". ");
    }
    text.append("Risk: ").append(risk(c)).append(". ");
    text.append(repeat);
    text.append("Svara OK ").append(c.code()).append(" för att kvittera. ");
    return text.append(link(c)).toString();
  }

  String cancel(CaseFacts c) {
    return "SAKNAD " + c.code() + ": Barnet är tillbaka. Tack för hjälpen, ingen åtgärd behövs.";
  }

  /** The reason stays in Saknad: it may name the child or the home's mistake. */
  String withdrawn(CaseFacts c) {
    return "SAKNAD "
        + c.code()
        + ": Larmet återkallas, det skickades av misstag. Barnet har inte varit försvunnet."
        + " Ingen åtgärd behövs.";
  }

  private static String fit(String text, int max) {
    if (text == null || max <= 0) {
      return "";
    }
    // "…" is not in the GSM-7 alphabet: it would make the whole SMS UCS-2 (70 a segment).
    String t = SmsSegments.plain(text).strip().replaceAll("\\s+", " ");
    return t.length() <= max ? t : t.substring(0, Math.max(0, max - 3)).strip() + "...";
  }

  private static String time(Instant at) {
    return WHEN.format(at.atZone(se.saknad.common.Sweden.ZONE));
  }

  private static String gender(String gender) {
    return switch (gender) {
      case "FEMALE" -> "flicka";
      case "MALE" -> "pojke";
      default -> "kön okänt";
    };
  }

  /** The grade in the words the pages use, so that SMS and page say the same. */
  private static String risk(CaseFacts c) {
    return switch (c.riskLevel()) {
      case HIGH -> "Hög";
      case ELEVATED -> "Förhöjd";
      case STANDARD -> "Normal";
    };
  }
}
