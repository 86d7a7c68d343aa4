package se.saknad.research;

import com.ibm.icu.util.ULocale;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import se.saknad.common.Db;
import se.saknad.debriefs.DebriefCodes;

/**
 * The code book of the research rows: what each column of the CSV and the spreadsheet holds, and
 * what each of its codes means, in Swedish and English. Places, countries and languages are listed
 * as far as the published rows use them (with their names); every other list is complete.
 */
@Singleton
class CodeBooks {
  /** What every column and code means. */
  @Serdeable
  record CodeBook(List<Column> columns) {}

  /** A column: its name in the file, what it holds, and its codes (empty for free values). */
  @Serdeable
  record Column(String name, String sv, String en, List<Value> values) {}

  @Serdeable
  record Value(String code, String sv, String en) {}

  private static final ULocale SWEDISH = new ULocale("sv");
  private static final ULocale ENGLISH = ULocale.ENGLISH;
  private static final Value SUPPRESSED =
      new Value(
          KAnonymity.SUPPRESSED,
          "Undertryckt: värdet är borttaget för att skydda barnet",
          "Suppressed: the value was removed to protect the child");
  private static final String EMPTY_SV = " Tom när en grövre nivå publiceras (se generalisation).";
  private static final String EMPTY_EN =
      " Empty when a coarser level is published (see generalisation).";
  private static final String YES_NO_SV = " true = ja, false = nej, tom = undertryckt.";
  private static final String YES_NO_EN = " true = yes, false = no, empty = suppressed.";
  private static final String LIST_SV = " Flera koder skiljs med semikolon.";
  private static final String LIST_EN = " Several codes are separated by semicolons.";

  private final Db db;

  CodeBooks(Db db) {
    this.db = db;
  }

  /** The code book for these published rows. */
  CodeBook of(Collection<ResearchRow> rows) {
    Map<String, List<DebriefCodes.Code>> debrief = DebriefCodes.all();
    Map<String, Column> columns = new LinkedHashMap<>();
    add(
        columns,
        "childKey",
        "Pseudonym för barnet: samma barn har samma nyckel i alla rader och perioder. Nyckeln är"
            + " en HMAC och går inte att räkna tillbaka till barnet.",
        "Pseudonymous key of the child: the same child has the same key in every row and period."
            + " It is an HMAC and cannot be turned back into the child.");
    add(
        columns,
        "episodes",
        "Vilket försvinnande i ordningen detta är för barnet, grupperat.",
        "Which disappearance of the child this is, grouped.",
        v("1", "Första gången", "The first time"),
        v("2", "Andra gången", "The second time"),
        v("3+", "Tredje gången eller senare", "The third time or later"),
        v("2+", "Andra gången eller senare", "The second time or later"),
        SUPPRESSED);
    add(
        columns,
        "ageBand",
        "Barnets ålder när barnet försvann, i grupper (år).",
        "The child's age when last seen, in bands (years).",
        v("0-12", "0–12 år", "0–12 years"),
        v("13-15", "13–15 år", "13–15 years"),
        v("16-17", "16–17 år", "16–17 years"),
        v("18+", "18 år eller äldre", "18 or older"),
        v("0-15", "0–15 år (bred grupp)", "0–15 years (wide band)"),
        v("16+", "16 år eller äldre (bred grupp)", "16 or older (wide band)"),
        v("unknown", "Okänd ålder", "Age unknown"),
        SUPPRESSED);
    add(
        columns,
        "gender",
        "Kön.",
        "Gender.",
        v("FEMALE", "Flicka", "Girl"),
        v("MALE", "Pojke", "Boy"),
        v("OTHER", "Annat", "Other"),
        v("UNKNOWN", "Okänt", "Unknown"),
        SUPPRESSED);
    add(
        columns,
        "regionOfOrigin",
        "Ursprungsregion efter medborgarskap (FN:s M49-koder). På nivån världsdel (se"
            + " generalisation) står 142 för hela Asien och 002 för hela Afrika.",
        "Region of origin by nationality (UN M49 codes). At the continent level (see"
            + " generalisation) 142 stands for all of Asia and 002 for all of Africa.",
        v("034", "Södra Asien", "Southern Asia"),
        v("145", "Västasien", "Western Asia"),
        v("015", "Nordafrika", "Northern Africa"),
        v("202", "Afrika söder om Sahara", "Sub-Saharan Africa"),
        v("142", "Övriga Asien (som världsdel: Asien)", "Rest of Asia (as continent: Asia)"),
        v("002", "Afrika (världsdel)", "Africa (continent)"),
        v("150", "Europa", "Europe"),
        v("019", "Amerika", "The Americas"),
        v("009", "Oceanien", "Oceania"),
        v(RegionsOfOrigin.UNKNOWN, "Okänd", "Unknown"),
        SUPPRESSED);
    columns.put(
        "countyCode",
        new Column(
            "countyCode",
            "Länet där hemmet ligger (SCB:s länskod, två siffror: läs den som text så att nollan"
                + " finns kvar).",
            "The county of the home (Statistics Sweden's county code, two digits: read it as text"
                + " to keep the leading zero).",
            withSuppressed(
                names(
                    "SELECT code, name FROM county WHERE code = ANY(?) ORDER BY code",
                    codes(rows, ResearchRow::countyCode)))));
    add(
        columns,
        "quarter",
        "När barnet sågs senast: kvartal som ÅÅÅÅ-Qn (Q1 = januari–mars), eller bara året ÅÅÅÅ"
            + " på nivån år.",
        "When the child was last seen: the quarter as YYYY-Qn (Q1 = January–March), or only the"
            + " year YYYY at the year level.",
        SUPPRESSED);
    add(
        columns,
        "riskLevel",
        "Risknivån i anmälan.",
        "The risk grade of the report.",
        v("HIGH", "Hög", "High"),
        v("ELEVATED", "Förhöjd", "Elevated"),
        v("STANDARD", "Normal", "Standard"),
        SUPPRESSED);
    add(
        columns,
        "missingHours",
        "Alltid tom: timmarna publiceras aldrig (varje tid på timmen är unik). Se durationBand.",
        "Always empty: the hours are never published (every duration to the hour is unique). See"
            + " durationBand.");
    add(
        columns,
        "outcome",
        "Återkomstsamtalets utfall.",
        "The outcome of the return interview.",
        withSuppressed(values(debrief.get("outcomes"))).toArray(Value[]::new));
    add(
        columns,
        "interviewerRole",
        "Vem som höll samtalet.",
        "Who held the interview.",
        withSuppressed(values(debrief.get("interviewerRoles"))).toArray(Value[]::new));
    add(
        columns,
        "interviewerIndependent",
        "Samtalsledaren var oberoende av hemmet." + YES_NO_SV,
        "The interviewer was independent of the home." + YES_NO_EN);
    add(
        columns,
        "interpreterUsed",
        "Tolk användes." + YES_NO_SV,
        "An interpreter was used." + YES_NO_EN);
    columns.put(
        "language",
        new Column(
            "language",
            "Språket samtalet hölls på (ISO 639-3).",
            "The language of the interview (ISO 639-3).",
            withSuppressed(
                codes(rows, ResearchRow::language).stream()
                    .filter(c -> !c.equals(KAnonymity.SUPPRESSED))
                    .map(c -> v(c, language(c, SWEDISH), language(c, ENGLISH)))
                    .toList())));
    add(
        columns,
        "heldWithin72h",
        "Samtalet hölls inom 72 timmar efter återkomsten." + YES_NO_SV,
        "The interview was held within 72 hours of the return." + YES_NO_EN);
    add(
        columns,
        "reasons",
        "Skälen till att barnet gav sig av." + LIST_SV,
        "Why the child left." + LIST_EN,
        values(debrief.get("reasons")).toArray(Value[]::new));
    add(
        columns,
        "whereabouts",
        "Var och med vem barnet var." + LIST_SV,
        "Where and with whom the child stayed." + LIST_EN,
        values(debrief.get("whereabouts")).toArray(Value[]::new));
    add(
        columns,
        "exploitationIndicators",
        "Tecken på utnyttjande." + LIST_SV,
        "Signs of exploitation." + LIST_EN,
        values(debrief.get("exploitationIndicators")).toArray(Value[]::new));
    add(
        columns,
        "consentToResearch",
        "Barnet samtycker till att fritexten används i forskning (true = ja, false = nej).",
        "The child agrees to the use of the free text in research (true = yes, false = no).");
    add(
        columns,
        "reasonsText",
        "Skälen med egna ord, bara med barnets samtycke, maskade: namn, adresser, telefonnummer,"
            + " e-post, ärende- och dossiernummer och datum är ersatta med [namn], [adress] och så"
            + " vidare.",
        "The reasons in the interview's own words, only with the child's consent, redacted:"
            + " names, addresses, phone numbers, e-mail, case and dossier numbers and dates are"
            + " replaced by [namn], [adress] and so on.");
    add(
        columns,
        "childStatement",
        "Barnets egna ord, bara med samtycke, maskade som reasonsText.",
        "The child's own words, only with consent, redacted as reasonsText.");
    add(
        columns,
        "suppressed",
        "Kolumnerna som är undertryckta i just den här raden." + LIST_SV,
        "The columns suppressed in this row." + LIST_EN);
    add(
        columns,
        "durationBand",
        "Hur länge barnet var borta, i intervall (aldrig i timmar).",
        "How long the child was missing, in bands (never in hours).",
        v("0-24h", "Under 24 timmar", "Under 24 hours"),
        v("1-3d", "1–3 dygn", "1–3 days"),
        v("3-7d", "3–7 dygn", "3–7 days"),
        v("1-4w", "1–4 veckor", "1–4 weeks"),
        v("4w+", "Över 4 veckor", "Over 4 weeks"),
        v("1-7d", "1–7 dygn (bred grupp)", "1–7 days (wide band)"),
        v("7d+", "Över 7 dygn (bred grupp)", "Over 7 days (wide band)"),
        v(DurationBands.UNKNOWN, "Okänt (inte återkommen)", "Unknown (not returned)"),
        SUPPRESSED);
    add(
        columns,
        "episodeNumber",
        "Vilket försvinnande i ordningen detta är för barnet, som tal." + EMPTY_SV,
        "Which disappearance of the child this is, as a number." + EMPTY_EN);
    add(
        columns,
        "ageAtDisappearance",
        "Barnets ålder i hela år när barnet försvann." + EMPTY_SV,
        "The child's age in whole years when last seen." + EMPTY_EN);
    columns.put(
        "nationality",
        new Column(
            "nationality",
            "Medborgarskap (ISO 3166-1, två bokstäver)." + EMPTY_SV,
            "Nationality (ISO 3166-1, two letters)." + EMPTY_EN,
            codes(rows, ResearchRow::nationality).stream()
                .map(c -> v(c, country(c, SWEDISH), country(c, ENGLISH)))
                .toList()));
    columns.put(
        "municipalityCode",
        new Column(
            "municipalityCode",
            "Kommunen där hemmet ligger (SCB:s kommunkod, fyra siffror: läs den som text så att"
                + " nollan finns kvar)."
                + EMPTY_SV,
            "The municipality of the home (Statistics Sweden's code, four digits: read it as text"
                + " to keep the leading zero)."
                + EMPTY_EN,
            names(
                "SELECT code, name FROM municipality WHERE code = ANY(?) ORDER BY code",
                codes(rows, ResearchRow::municipalityCode))));
    add(
        columns,
        "generalisation",
        "Hur långt varje uppgift är generaliserad, samma för alla rader, som"
            + " uppgift=nivå;uppgift=nivå. Nivåerna från finast: ursprung (origin) nationality,"
            + " region, continent; plats (place) municipality, county; ålder (age) years, band,"
            + " wideBand; tid (time) quarter, year; språk (language) language, interpreter; tid"
            + " borta (duration) band, wideBand; episod (episodes) number, upTo3, upTo2; samtalet"
            + " (interview) interviewer, independenceAndTiming; risk riskLevel; utfall (outcome)"
            + " outcome; kön (gender) gender; och sist suppressed (undertryckt).",
        "How far each fact is generalised, the same for every row, as fact=level;fact=level. The"
            + " levels, finest first: origin nationality, region, continent; place municipality,"
            + " county; age years, band, wideBand; time quarter, year; language language,"
            + " interpreter; duration band, wideBand; episodes number, upTo3, upTo2; interview"
            + " interviewer, independenceAndTiming; risk riskLevel; outcome outcome; gender gender;"
            + " and last suppressed.");
    List<Column> ordered = new ArrayList<>();
    for (String name : ResearchRow.CSV_HEADER) {
      ordered.add(Objects.requireNonNull(columns.get(name), name));
    }
    return new CodeBook(List.copyOf(ordered));
  }

  private static void add(
      Map<String, Column> columns, String name, String sv, String en, Value... values) {
    columns.put(name, new Column(name, sv, en, List.of(values)));
  }

  private static Value v(String code, String sv, String en) {
    return new Value(code, sv, en);
  }

  private static List<Value> values(List<DebriefCodes.Code> codes) {
    return codes.stream().map(c -> v(c.code(), c.sv(), c.en())).toList();
  }

  private static List<Value> withSuppressed(List<Value> values) {
    List<Value> all = new ArrayList<>(values);
    all.add(SUPPRESSED);
    return all;
  }

  /** The distinct values of a column in the rows, suppressed and empty ones left out. */
  private static List<String> codes(
      Collection<ResearchRow> rows, Function<ResearchRow, String> column) {
    TreeSet<String> codes = new TreeSet<>();
    for (ResearchRow row : rows) {
      String code = column.apply(row);
      if (code != null && !code.isBlank() && !KAnonymity.SUPPRESSED.equals(code)) {
        codes.add(code.trim());
      }
    }
    return List.copyOf(codes);
  }

  /** Places by their names in the reference geography (the same in both languages). */
  private List<Value> names(String query, List<String> codes) {
    Map<String, String> names = new LinkedHashMap<>();
    db.list(query, rs -> Map.entry(rs.getString("code").trim(), rs.getString("name")), codes)
        .forEach(e -> names.put(e.getKey(), e.getValue()));
    return codes.stream()
        .map(c -> v(c, names.getOrDefault(c, "Okänd"), names.getOrDefault(c, "Unknown")))
        .toList();
  }

  private static String country(String code, ULocale in) {
    String name = new ULocale("", code).getDisplayCountry(in);
    return name.isBlank() || name.equals(code) ? code : name;
  }

  private static String language(String code, ULocale in) {
    String name = new ULocale(code).getDisplayLanguage(in);
    return name.isBlank() || name.equals(code) ? code : name;
  }
}
