package se.saknad.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import se.saknad.concerns.ConcernApi;
import se.saknad.debriefs.DebriefCodes;
import se.saknad.pdf.AccessiblePdf;
import se.saknad.referrals.ReferralApi;

/**
 * The report as one XHTML document in Swedish: printable in a browser as it is, and the input of
 * the PDF. Every value is escaped; nothing but {@link ReportData} goes in, so nothing else can come
 * out.
 */
final class ReportDocument {
  static final String TITLE = "Barn som försvinner från HVB-hem";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv-SE"));
  private static final Map<String, String> AGE_BANDS =
      Map.of(
          "0-12", "0–12 år",
          "13-15", "13–15 år",
          "16-17", "16–17 år",
          "18+", "18 år eller äldre",
          "unknown", "okänd ålder");
  private static final Map<String, String> GENDERS =
      Map.of("FEMALE", "flickor", "MALE", "pojkar", "OTHER", "annat", "UNKNOWN", "okänt");
  private static final Map<String, String> REFERRAL_STATUS =
      Map.of("OPEN", "ännu inte kvitterade", "ACKNOWLEDGED", "kvitterade, pågår");

  private ReportDocument() {}

  static String html(ReportData data) {
    Map<String, String> reasons = labels("reasons");
    Map<String, String> whereabouts = labels("whereabouts");
    Map<String, String> exploitation = labels("exploitationIndicators");
    Map<String, String> referralReasons = new LinkedHashMap<>();
    for (ReferralApi.Reason r : ReferralApi.Reason.values()) {
      referralReasons.put(r.name(), r.sv);
    }
    Map<String, String> outcomes = new LinkedHashMap<>(REFERRAL_STATUS);
    for (ReferralApi.Outcome o : ReferralApi.Outcome.values()) {
      outcomes.put(o.name(), o.sv);
    }
    Map<String, String> signs = new LinkedHashMap<>();
    for (ConcernApi.Sign s : ConcernApi.Sign.values()) {
      signs.put(s.name(), s.sv);
    }
    String period = day(data.from()) + " – " + day(data.to());
    StringBuilder h = new StringBuilder();
    h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv-SE\" xml:lang=\"sv-SE\"><head>")
        .append("<meta charset=\"UTF-8\"/><title>")
        .append(escape(TITLE + ", " + period))
        .append("</title><meta name=\"subject\" content=\"Rapport till Barnombudsmannen\"/>")
        .append("<meta name=\"author\" content=\"Saknad\"/><style>")
        .append(CSS)
        .append("</style></head><body>");

    h.append("<section class=\"title\"><p class=\"kicker\">Rapport till Barnombudsmannen</p><h1>")
        .append(escape(TITLE))
        .append("</h1><p class=\"period\">Perioden ")
        .append(escape(period))
        .append("</p><p>Försvinnanden, återkomst, återkomstsamtal och remisser vid misstänkt")
        .append(
            " människohandel, ur Saknad. Underlaget är pseudonymiserat: inga namn, födelsedatum,")
        .append(" dossiernummer, telefonnummer eller platser.</p>")
        .append(
            "<h2>Metod</h2><p>Rapporten omfattar ärenden där barnet senast sågs under perioden.")
        .append(
            " Ett barn kan försvinna flera gånger: försvinnanden och barn räknas var för sig.</p>")
        .append("<p>Röjandeskydd: ")
        .append(escape(data.protection()))
        .append("</p><p>Tid till återkomst skattas med Kaplan-Meier. Barn som fortfarande saknades")
        .append(
            " vid periodens slut räknas som censurerade vid den tidpunkten. Medianen anges med 95")
        .append(
            " % konfidensintervall (Greenwoods varians, log-log-intervall, Brookmeyer-Crowley för")
        .append(" medianen). Kurvor visas bara för grupper med minst ")
        .append(ReportData.MIN_CURVE_CASES)
        .append(" ärenden. Röjandeskydd för kurvorna: tiderna räknas i hela dygn (avrundade")
        .append(
            " uppåt), och det sammanlagda antalet återkomna och censurerade avrundas nedåt till")
        .append(" en multipel av ")
        .append(RoundedSurvival.MINIMUM_COUNT)
        .append(" innan kurvan och intervallen räknas, så att varje steg bygger på minst ")
        .append(RoundedSurvival.MINIMUM_COUNT)
        .append(" återkomster och inget barns tid kan utläsas; antalet i risk räknas från det")
        .append(" avrundade antalet ärenden.</p><p>Citat återges bara från barn som samtyckt till")
        .append(" forskning, med namn, adresser, telefonnummer, e-postadresser, ärende- och")
        .append(" dossiernummer och datum borttagna, och bara när en forskare har godkänt just den")
        .append(" texten för publicering.</p></section>");

    h.append("<h2>Försvinnanden och barn</h2><table class=\"figures\">")
        .append(row("Försvinnanden", data.cases()))
        .append(row("Barn som försvann", data.children()))
        .append("</table><h3>Försvinnanden efter ålder</h3>")
        .append(table(data.casesByAgeBand(), AGE_BANDS, "Ålder", "Försvinnanden"))
        .append("<h3>Försvinnanden efter kön</h3>")
        .append(table(data.casesByGender(), GENDERS, "Kön", "Försvinnanden"));

    h.append("<h2>Upprepade försvinnanden</h2>")
        .append("<p>Antal barn efter hur många gånger de försvann under perioden.</p>")
        .append(
            table(
                data.childrenByNumberOfDisappearances(),
                Map.of("1", "en gång", "2", "två gånger", "3+", "tre gånger eller fler"),
                "Försvann",
                "Barn"));

    h.append("<h2>Tid till återkomst</h2><table class=\"figures\">")
        .append(row("Tillbaka inom 24 timmar", percent(data.returnedWithin24h())))
        .append(row("Tillbaka inom 7 dagar", percent(data.returnedWithin7days())))
        .append(row("Inte tillbaka", percent(data.notYetReturned())))
        .append("</table>");
    if (data.survival().isEmpty()) {
      h.append("<p>För få ärenden för en kurva.</p>");
    } else {
      h.append("<div class=\"chart\">")
          .append(SvgCharts.survival(data.survival()))
          .append("</div><table><thead><tr><th>Grupp</th><th class=\"n\">Försvinnanden</th>")
          .append("<th class=\"n\">Median</th><th class=\"n\">95 % konfidensintervall</th>")
          .append("</tr></thead><tbody>");
      for (ReportData.SurvivalGroup g : data.survival()) {
        KaplanMeier.Curve c = g.curve();
        h.append("<tr><td>")
            .append(escape(g.label()))
            .append("</td><td class=\"n\">")
            .append(g.publishedCases())
            .append("</td><td class=\"n\">")
            .append(escape(hours(c.medianHours())))
            .append("</td><td class=\"n\">")
            .append(escape(hours(c.medianLowerHours()) + " – " + hours(c.medianUpperHours())))
            .append("</td></tr>");
      }
      h.append("</tbody></table><p class=\"note\">Andelen barn som fortfarande saknas efter så")
          .append(" många dagar; det skuggade bandet är 95 % konfidensintervallet för alla barn.")
          .append(" ”ej nådd”: kurvan eller intervallet når inte 50 % under perioden.</p>");
    }

    h.append("<h2>Återkomstsamtal</h2><table class=\"figures\">")
        .append(row("Återkomna", data.returnedCases()))
        .append(row("Registrerade återkomstsamtal", data.debriefs()))
        .append(
            row(
                "Samtal hållna inom 72 timmar, andel av återkomna",
                percent(data.debriefsHeldWithin72h())))
        .append("</table>");

    h.append("<h2>Skäl, vistelse och tecken på exploatering</h2>")
        .append("<p>Ur återkomstsamtalen; ett samtal kan ange flera svar.</p><h3>Skäl</h3>")
        .append(
            data.reasons().isEmpty()
                ? ""
                : "<div class=\"chart\">" + SvgCharts.bars(data.reasons(), reasons) + "</div>")
        .append(table(data.reasons(), reasons, "Skäl", "Samtal"))
        .append("<h3>Var och med vem barnet var</h3>")
        .append(table(data.whereabouts(), whereabouts, "Vistelse", "Samtal"))
        .append("<h3>Tecken på exploatering</h3>")
        .append(table(data.exploitationIndicators(), exploitation, "Tecken", "Samtal"));

    h.append("<h2>Remisser vid misstänkt människohandel</h2><table class=\"figures\">")
        .append(row("Remisser till regionkoordinatorer mot människohandel", data.referrals()))
        .append("</table><h3>Skäl</h3>")
        .append(table(data.referralsByReason(), referralReasons, "Skäl", "Remisser"))
        .append("<h3>Utfall</h3>")
        .append(table(data.referralsByOutcome(), outcomes, "Utfall", "Remisser"));

    h.append("<h2>Oro före försvinnanden</h2>")
        .append("<p>Orosanmälningar där tecknen sågs under perioden. Socialtjänsten ska göra en")
        .append(" skyddsbedömning samma dag eller dagen efter; en anmälan som blev en")
        .append(" försvinnandeanmälan innan den bedömdes räknas som inte bedömd i tid.</p>")
        .append("<table class=\"figures\">")
        .append(row("Orosanmälningar", data.concerns()))
        .append(
            row(
                "Skyddsbedömda i tid, andel av orosanmälningarna",
                percent(data.concernsAssessedInTime())))
        .append(row("Barn som försvann upprepade gånger", data.repeatChildren()))
        .append("</table><h3>Tecken</h3><p>En anmälan kan ange flera tecken.</p>")
        .append(table(data.concernsBySign(), signs, "Tecken", "Anmälningar"));

    h.append("<h2>Barnens egna ord</h2>");
    if (data.quotes().isEmpty()) {
      h.append("<p>Inga citat är godkända för publicering under perioden.</p>");
    }
    for (String quote : data.quotes()) {
      h.append("<blockquote>").append(escape(quote)).append("</blockquote>");
    }
    return h.append("</body></html>").toString();
  }

  private static String table(
      Map<String, Long> values, Map<String, String> labels, String what, String count) {
    if (values.isEmpty()) {
      return "<p>Inga att redovisa.</p>";
    }
    StringBuilder t =
        new StringBuilder("<table><thead><tr><th>")
            .append(escape(what))
            .append("</th><th class=\"n\">")
            .append(escape(count))
            .append("</th></tr></thead><tbody>");
    values.forEach(
        (key, value) ->
            t.append("<tr><td>")
                .append(escape(labels.getOrDefault(key, key)))
                .append("</td><td class=\"n\">")
                .append(value)
                .append("</td></tr>"));
    return t.append("</tbody></table>").toString();
  }

  private static String row(String label, Object value) {
    return "<tr><td>"
        + escape(label)
        + "</td><td class=\"n\">"
        + escape(String.valueOf(value))
        + "</td></tr>";
  }

  private static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.1f %%", share).replace('.', ',');
  }

  /** Hours as "n timmar" under two days, else "n,n dygn"; null is "ej nådd". */
  static String hours(Double hours) {
    if (hours == null) {
      return "ej nådd";
    }
    if (hours < 48) {
      return String.format(Locale.ROOT, "%.0f timmar", hours);
    }
    return String.format(Locale.ROOT, "%.1f dygn", hours / 24).replace('.', ',');
  }

  private static String day(LocalDate day) {
    return DAY.format(day);
  }

  private static Map<String, String> labels(String list) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (DebriefCodes.Code code : DebriefCodes.all().get(list)) {
      labels.put(code.code(), code.sv());
    }
    return labels;
  }

  static String escape(String s) {
    return AccessiblePdf.escape(s);
  }

  static final String CSS =
      """
      @page { size: A4; margin: 22mm 20mm 24mm 20mm;
        @bottom-center { content: "Saknad · rapport till Barnombudsmannen · sida " counter(page) " av " counter(pages);
          font-family: 'Liberation Sans'; font-size: 8pt; color: #5b6470; } }
      body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1b1f24; }
      section.title { page-break-after: always; padding-top: 40mm; }
      .kicker { text-transform: uppercase; letter-spacing: .08em; color: #0b5cad; font-weight: bold; }
      h1 { font-size: 24pt; margin: 0 0 6mm; color: #12263f; }
      .period { font-size: 14pt; margin-bottom: 12mm; }
      h2 { font-size: 15pt; color: #12263f; margin: 9mm 0 3mm; page-break-after: avoid; }
      h3 { font-size: 11.5pt; margin: 5mm 0 2mm; page-break-after: avoid; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; page-break-inside: avoid; }
      th, td { text-align: left; padding: 1.2mm 2mm; border-bottom: 0.3mm solid #d5dae0; }
      th { color: #5b6470; font-size: 9pt; }
      td.n, th.n { text-align: right; }
      table.figures td.n { font-weight: bold; width: 30%; }
      .chart { margin: 2mm 0 3mm; page-break-inside: avoid; }
      .chart svg { width: 100%; height: auto; }
      .note { font-size: 9pt; color: #5b6470; }
      blockquote { margin: 3mm 0 3mm 4mm; padding-left: 4mm; border-left: 1mm solid #0b5cad; font-style: italic; }
      @media screen { body { max-width: 180mm; margin: 10mm auto; } }
      """;
}
