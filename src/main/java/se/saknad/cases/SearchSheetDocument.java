package se.saknad.cases;

import com.ibm.icu.util.ULocale;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.common.Sweden;
import se.saknad.pdf.AccessiblePdf;

/**
 * The printed search sheet as XHTML in Swedish, one A4 page: what the case page shows a searcher,
 * from the caller's own case view (so the family name is there only for who may read the profile,
 * and the dossier number is never printed), the photo, a small map and whom to call. Long texts are
 * cut so that the sheet stays one page; the case in Saknad has the whole text.
 */
final class SearchSheetDocument {
  static final int MAX_DESCRIPTION = 300;
  static final int MAX_CLOTHING = 220;
  static final int MAX_PLACE = 120;

  private static final Locale SV = Locale.forLanguageTag("sv-SE");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'kl.' HH.mm", SV);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", SV);
  private static final Map<String, String> GENDER =
      Map.of("FEMALE", "flicka", "MALE", "pojke", "OTHER", "annat", "UNKNOWN", "okänt");
  private static final Map<String, String> RISK =
      Map.of("HIGH", "Hög", "ELEVATED", "Förhöjd", "STANDARD", "Normal");
  private static final Map<String, String> STATUS =
      Map.of(
          "RETURNED", "Barnet är tillbaka",
          "LOCATED", "Barnet är påträffat",
          "CLOSED", "Ärendet är avslutat");
  private static final Map<String, String> RISK_INDICATORS =
      Map.ofEntries(
          Map.entry("PREVIOUS_DISAPPEARANCE", "tidigare försvinnanden"),
          Map.entry("SUSPECTED_TRAFFICKING", "misstänkt människohandel"),
          Map.entry("SUSPECTED_EXPLOITATION", "misstänkt utnyttjande"),
          Map.entry("CONTACT_WITH_UNKNOWN_ADULTS", "kontakt med okända vuxna"),
          Map.entry("SUBSTANCE_USE", "missbruk"),
          Map.entry("SELF_HARM", "självskadebeteende"),
          Map.entry("MENTAL_HEALTH_NEEDS", "psykisk ohälsa"),
          Map.entry("MEDICAL_NEEDS", "medicinska behov"),
          Map.entry("PREGNANCY", "graviditet"),
          Map.entry("AGE_ASSESSMENT_PENDING", "åldersbedömning pågår"),
          Map.entry("DEPORTATION_DECISION", "utvisningsbeslut"),
          Map.entry("RELATIVES_ELSEWHERE", "släktingar på annan ort"));
  private static final Map<String, String> SIS =
      Map.of(
          "MISSING_TO_BE_PROTECTED", "försvunnen, ska tas i skydd",
          "MISSING_NOT_TO_BE_PROTECTED", "försvunnen, ska inte tas i skydd",
          "CHILD_AT_RISK_OF_ABDUCTION", "barn som riskerar att föras bort",
          "CHILD_AT_RISK_OF_TRAFFICKING", "barn som riskerar människohandel",
          "CHILD_AT_RISK_OF_TERRORISM", "barn som riskerar att dras in i terroristbrott",
          "CHILD_AT_RISK_OF_ARMED_GROUPS", "barn som riskerar att rekryteras till väpnade grupper");

  private SearchSheetDocument() {}

  static String title(CaseView c) {
    return "Sökblad, ärende " + c.code();
  }

  /**
   * {@code map} is the SVG of {@link PrintedSearchSheets#map}; {@code printedBy} the caller's user
   * name, so that a forwarded sheet says whose it was.
   */
  static String html(CaseView c, byte[] photo, String map, String printedBy, Instant printedAt) {
    String name =
        c.child().familyName() == null || c.child().familyName().isBlank()
            ? c.child().givenName()
            : c.child().givenName() + " " + c.child().familyName();
    StringBuilder h = new StringBuilder();
    h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
        .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv-SE\" xml:lang=\"sv-SE\">")
        .append("<head><meta charset=\"UTF-8\"/><title>")
        .append(escape(title(c)))
        .append("</title><meta name=\"subject\" content=\"Sökblad för ett försvunnet barn\"/>")
        .append("<meta name=\"author\" content=\"Saknad\"/><style>")
        .append(CSS)
        .append("</style></head><body>");
    h.append("<p class=\"kicker\">Försvunnet barn · ärende ")
        .append(escape(c.code()))
        .append("</p><h1>")
        .append(escape(name))
        .append(c.child().age() == null ? "" : ", " + c.child().age() + " år")
        .append("</h1>");
    if (STATUS.containsKey(c.status().name())) {
      h.append("<p class=\"status\">")
          .append(escape(STATUS.get(c.status().name())))
          .append(c.returnedAt() == null ? "" : " (" + escape(when(c.returnedAt())) + ")" + ".")
          .append("</p>");
    }
    h.append("<div class=\"top\"><div class=\"photo\">");
    if (photo != null) {
      h.append("<img src=\"data:image/jpeg;base64,")
          .append(Base64.getEncoder().encodeToString(photo))
          .append("\" alt=\"")
          .append(escape("Foto av " + c.child().givenName()))
          .append("\"/><p class=\"caption\">")
          .append(
              c.photoTakenOn() == null
                  ? "Fotot saknar datum."
                  : "Fotot är taget " + escape(DAY.format(c.photoTakenOn())) + ".")
          .append("</p>");
    } else {
      h.append("<p class=\"nophoto\">Inget foto finns.</p>");
    }
    h.append("</div><div class=\"side\"><table class=\"facts\"><tbody>");
    row(h, "Förnamn", c.child().givenName());
    if (c.child().familyName() != null && !c.child().familyName().isBlank()) {
      row(h, "Efternamn", c.child().familyName());
    }
    row(h, "Ålder", c.child().age() == null ? "okänd" : c.child().age() + " år");
    row(h, "Kön", GENDER.getOrDefault(c.child().gender(), "okänt"));
    row(h, "Språk", languages(c.languages()));
    row(h, "Beskrivning", cut(c.description(), MAX_DESCRIPTION));
    row(h, "Klädsel", cut(c.clothing(), MAX_CLOTHING));
    row(
        h,
        "Risknivå",
        RISK.getOrDefault(c.riskLevel().name(), c.riskLevel().name())
            + indicators(c.riskIndicators()));
    h.append("</tbody></table></div><div class=\"clear\"></div></div>");

    h.append("<h2>Senast sedd</h2><div class=\"seen\"><div class=\"map\">")
        .append(map)
        .append("</div><div class=\"side\"><table class=\"facts\"><tbody>");
    row(h, "Tid", when(c.lastSeenAt()));
    row(
        h,
        "Plats",
        cut(c.lastSeenPlace(), MAX_PLACE)
            + (c.sheet().municipalityName().isBlank()
                ? ""
                : " (" + c.sheet().municipalityName() + ")"));
    row(h, "Försvunnen", missingFor(c.sheet().minutesMissing()));
    row(h, "Sökområde", Math.round(c.searchArea().radiusMeters() / 1000.0) + " km radie");
    row(h, "Polisregion", c.sheet().policeRegionName());
    h.append("</tbody></table></div><div class=\"clear\"></div></div>");

    h.append("<h2>Vem ska man ringa</h2><table class=\"facts\"><tbody>");
    row(h, "Akut fara", "112");
    row(h, "Tips till polisen", "114 14; ange ärendekod " + c.code() + policeNumber(c));
    row(
        h,
        "Boendet",
        c.sheet().homeName() + (c.homePhone() == null ? "" : ", telefon " + c.homePhone()));
    row(h, "Ärendekod", c.code());
    row(h, "Polisens ärende", policeReference(c));
    h.append("</tbody></table>");

    // One paragraph, not a section of its own: the longest profile still fits the page.
    h.append("<p class=\"notice\"><strong>Uppgifter för Interpols gula notis:</strong> ")
        .append(escape(yellowNotice(c.sheet().yellowNoticeMissing())))
        .append("</p>");

    h.append("<p class=\"foot\">Utskrivet ")
        .append(escape(when(printedAt)))
        .append(" av ")
        .append(escape(printedBy))
        .append(" ur Saknad. Endast för dem som söker barnet, inte för allmänheten.</p>");
    return h.append("</body></html>").toString();
  }

  /**
   * What a yellow notice needs of a missing person, in the notice's order, with the Swedish name.
   */
  private static final Map<CaseApi.YellowNoticeField, String> YELLOW_NOTICE =
      new java.util.EnumMap<>(
          Map.of(
              CaseApi.YellowNoticeField.FAMILY_NAME, "Efternamn",
              CaseApi.YellowNoticeField.GIVEN_NAME, "Förnamn",
              CaseApi.YellowNoticeField.SEX, "Kön",
              CaseApi.YellowNoticeField.YEAR_OF_BIRTH, "Födelseår",
              CaseApi.YellowNoticeField.PHOTO_OR_DESCRIPTION, "Foto eller signalement"));

  /**
   * Each identifier of a yellow notice and whether the profile has it ("finns") or not ("saknas"),
   * never the value itself: the sheet prints the values it may above.
   */
  static String yellowNotice(List<CaseApi.YellowNoticeField> missing) {
    List<String> parts = new ArrayList<>();
    YELLOW_NOTICE.forEach(
        (field, name) -> parts.add(name + ": " + (missing.contains(field) ? "saknas" : "finns")));
    return String.join("; ", parts)
        + (missing.isEmpty() ? "." : ". Fyll i det som saknas i profilen.");
  }

  private static void row(StringBuilder h, String label, String value) {
    h.append("<tr><th scope=\"row\">")
        .append(escape(label))
        .append("</th><td>")
        .append(escape(value == null || value.isBlank() ? "–" : value))
        .append("</td></tr>");
  }

  private static String policeNumber(CaseView c) {
    return c.policeReference() == null
        ? ""
        : " och polisens ärendenummer " + c.policeReference().reference();
  }

  private static String policeReference(CaseView c) {
    if (c.policeReference() == null) {
      return "inget ärendenummer ännu";
    }
    CaseApi.PoliceReference p = c.policeReference();
    String sis =
        p.sisAlert()
            ? "; SIS-larm"
                + (p.sisCategory() == null
                    ? ""
                    : ": " + SIS.getOrDefault(p.sisCategory().name(), p.sisCategory().name()))
            : "; inget SIS-larm";
    return p.reference() + sis;
  }

  private static String indicators(List<String> codes) {
    if (codes == null || codes.isEmpty()) {
      return "";
    }
    List<String> words = new ArrayList<>();
    for (String code : codes) {
      words.add(RISK_INDICATORS.getOrDefault(code, code.toLowerCase(Locale.ROOT)));
    }
    return " (" + String.join(", ", words) + ")";
  }

  /** Languages by their Swedish names (CLDR through ICU), the code where CLDR has none. */
  static String languages(List<String> codes) {
    if (codes == null || codes.isEmpty()) {
      return "";
    }
    ULocale swedish = ULocale.forLanguageTag("sv");
    List<String> names = new ArrayList<>();
    for (String code : codes) {
      String name = ULocale.forLanguageTag(code).getDisplayLanguage(swedish);
      names.add(name == null || name.isBlank() || name.equals(code) ? code : name);
    }
    return String.join(", ", names);
  }

  private static String missingFor(long minutes) {
    Duration d = Duration.ofMinutes(minutes);
    if (d.toHours() < 1) {
      return minutes + " minuter";
    }
    if (d.toHours() < 48) {
      return d.toHours() + " timmar";
    }
    return d.toDays() + " dygn";
  }

  private static String when(Instant at) {
    return WHEN.format(at.atZone(Sweden.ZONE));
  }

  /** At most {@code max} characters, cut at a word, with a pointer to the whole text. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = text.lastIndexOf(' ', max);
    return text.substring(0, end > max / 2 ? end : max).strip() + " … (hela texten i Saknad)";
  }

  static String escape(String s) {
    return AccessiblePdf.escape(s);
  }

  static final String CSS =
      """
      @page { size: A4; margin: 12mm 14mm 12mm 14mm; }
      body { font-family: '%s'; font-size: 9.5pt; line-height: 1.25; color: #1b1f24; }
      .kicker { margin: 0; text-transform: uppercase; letter-spacing: .06em; color: #b3261e; font-weight: bold; font-size: 11pt; }
      h1 { font-size: 22pt; margin: 1mm 0 3mm; color: #12263f; }
      h2 { font-size: 12.5pt; margin: 3mm 0 1.5mm; color: #12263f; }
      .status { margin: 0 0 3mm; padding: 2mm 3mm; background: #e6f2ea; font-weight: bold; }
      .top, .seen { width: 100%%; }
      .photo, .map { float: left; width: 62mm; margin: 0 0 2mm 0; }
      .side { margin-left: 67mm; }
      .clear { clear: both; height: 0; }
      .photo img { width: 62mm; max-height: 72mm; }
      .caption, .nophoto { font-size: 8.5pt; color: #5b6470; margin: 1mm 0 0; }
      .nophoto { border: 0.3mm solid #d5dae0; padding: 20mm 2mm; text-align: center; }
      .map { height: 62mm; }
      .map svg { width: 62mm; height: 62mm; }
      table.facts { border-collapse: collapse; width: 100%%; }
      table.facts th { text-align: left; vertical-align: top; padding: 0.8mm 3mm 0.8mm 0; color: #5b6470; font-size: 9pt; font-weight: normal; width: 30mm; }
      table.facts td { vertical-align: top; padding: 0.8mm 0; }
      .notice { margin: 2mm 0 0; font-size: 9pt; }
      .foot { margin-top: 2.5mm; font-size: 8pt; color: #5b6470; border-top: 0.3mm solid #d5dae0; padding-top: 1.5mm; }
      """
          .formatted(AccessiblePdf.FONT);
}
