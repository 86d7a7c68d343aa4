package se.saknad.research;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a child's words what would tell who the child is or where to find someone: the
 * child's names and aliases and the guardian's name (the child's record says which), the home's
 * name and address, street addresses and postcodes, phone numbers (libphonenumber finds them in
 * Swedish and international forms), e-mail addresses, dossier, case and personal identity numbers,
 * and dates. Each is replaced by its kind in brackets ("[namn]"), so the sentence still reads.
 *
 * <p>Names are matched whole, with or without diacritics and with the genitive s ("Aminas"); a
 * pattern would not know which words are names, so names come only from the record. What the record
 * cannot know (a friend's name) is left to the researcher who approves the quote.
 */
final class StatementRedaction {
  static final String NAME = "[namn]";
  static final String ADDRESS = "[adress]";
  static final String PHONE = "[telefon]";
  static final String EMAIL = "[e-post]";
  static final String NUMBER = "[nummer]";
  static final String DATE = "[datum]";

  /** What the child's record says to look for. */
  record Known(
      List<String> names, List<String> places, List<String> numbers, List<LocalDate> dates) {
    static final Known NOTHING = new Known(List.of(), List.of(), List.of(), List.of());
  }

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final String L = "\\p{L}";
  private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");

  /** Swedish street names: a word ending in one of these, then a number (Storgatan 12B). */
  private static final String STREET_ENDINGS =
      "gatan|gata|vägen|väg|gränd|gränden|backe|backen|torg|torget|allé|allén|alle|allen|stig"
          + "|stigen|leden|led|plan|planen|platsen|plats|stråket|promenaden|esplanaden|kajen|kaj"
          + "|strand|stranden|liden|höjden|ringen|slingan|gången|park|parken";

  private static final Pattern STREET_WITH_NUMBER =
      Pattern.compile(
          "(?iu)"
              + NOT_WORD_BEFORE
              // a capitalised first word (Sankt Eriksgatan, Lilla Torget), case-sensitive
              + "(?:(?-i:\\p{Lu})"
              + L
              + "+\\s+)?"
              + L
              + "*(?:"
              + STREET_ENDINGS
              + ")\\s+\\d{1,4}(?:[A-Za-z]|\\s(?-i:[A-Z]))?"
              + NOT_WORD_AFTER
              + "(?:,?\\s*(?:lgh|lägenhet|ltr|tr|nb|uppgång)\\.?\\s*\\d{1,4})?");

  /**
   * A street named without a number (bodde på Drottninggatan): a compound word with an ending only
   * streets have, so "vägen" (the way) or "gatan" (the street) alone stay.
   */
  private static final Pattern STREET_NAME =
      Pattern.compile(
          "(?iu)"
              + NOT_WORD_BEFORE
              + L
              + "{2,}(?:gatan|vägen|gränd|gränden|allén|torget|stigen|backen|leden|stråket)"
              + NOT_WORD_AFTER);

  /** A Swedish postcode, with the town after it (123 45 Tyresö). */
  private static final Pattern POSTCODE =
      Pattern.compile("(?u)" + NOT_WORD_BEFORE + "\\d{3}\\s?\\d{2}\\s+\\p{Lu}" + L + "+");

  /**
   * A personal identity or coordination number (yyMMdd-nnnn, yyyyMMdd-nnnn, yyyyMMddnnnn); ten
   * digits without a separator are more often a phone number (0701234567).
   */
  private static final Pattern PERSONAL_NUMBER =
      Pattern.compile(
          NOT_WORD_BEFORE + "(?:(?:19|20)?\\d{6}[-+]\\d{4}|(?:19|20)\\d{10})" + NOT_WORD_AFTER);

  /** A police case number (5000-K123456-26). */
  private static final Pattern POLICE_NUMBER =
      Pattern.compile("(?i)" + NOT_WORD_BEFORE + "\\d{4}-K\\d{1,7}-\\d{2}" + NOT_WORD_AFTER);

  /** A number named as a case, dossier or file number. */
  private static final Pattern NAMED_NUMBER =
      Pattern.compile(
          "(?iu)(?:ärende(?:nummer|nr)?|ärendenummer|dossier(?:nummer|nr)?|diarie(?:nummer|nr)"
              + "|dnr|um-?nummer|lma-?(?:kort|nummer)?|kod)\\.?\\s*(?:nr\\.?|nummer)?\\s*:?\\s*"
              + "([\\p{L}\\d][\\p{L}\\d/-]*\\d[\\p{L}\\d/-]*)");

  private static final String MONTHS =
      "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec";

  private static final Pattern DATES =
      Pattern.compile(
          "(?iu)"
              + NOT_WORD_BEFORE
              + "(?:(?:19|20)\\d{2}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\\d|3[01])"
              + "|(?:0?[1-9]|[12]\\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\\d{2}"
              + "|(?:0?[1-9]|[12]\\d|3[01])(?::[ea])?\\s+(?:"
              + MONTHS
              + ")(?:\\.?\\s+(?:19|20)\\d{2})?)"
              + NOT_WORD_AFTER);

  /** Phone-like runs of 7 to 15 digits that libphonenumber does not take for a valid number. */
  private static final Pattern DIGIT_RUN =
      Pattern.compile(NOT_WORD_BEFORE + "(?:\\+|00)?\\(?\\d[\\d\\s().-]{5,22}\\d" + NOT_WORD_AFTER);

  private StatementRedaction() {}

  /** The text with everything above replaced; null stays null. */
  static String redact(String text, Known known) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Span> spans = new ArrayList<>();
    find(spans, EMAIL_ADDRESS, text, EMAIL);
    String folded = fold(text);
    for (String place : known.places()) {
      literal(spans, folded, place, ADDRESS, false);
    }
    for (String number : known.numbers()) {
      number(spans, text, number);
    }
    for (LocalDate date : known.dates()) {
      for (String format : List.of("yyyyMMdd", "yyMMdd", "d/M/yyyy", "d.M.yyyy")) {
        literal(spans, folded, date.format(DateTimeFormatter.ofPattern(format)), DATE, false);
      }
    }
    find(spans, POLICE_NUMBER, text, NUMBER);
    Matcher named = NAMED_NUMBER.matcher(text);
    while (named.find()) {
      spans.add(new Span(named.start(1), named.end(1), NUMBER));
    }
    List<Span> datesAndNumbers = new ArrayList<>();
    find(datesAndNumbers, PERSONAL_NUMBER, text, NUMBER);
    find(datesAndNumbers, DATES, text, DATE);
    spans.addAll(datesAndNumbers);
    // Digits already known as a date or personal number are not taken for a phone number too.
    for (PhoneNumberMatch match : PHONES.findNumbers(text, "SE")) {
      phone(spans, datesAndNumbers, match.start(), match.end());
    }
    Matcher digits = DIGIT_RUN.matcher(text);
    while (digits.find()) {
      long count = digits.group().chars().filter(Character::isDigit).count();
      if (count >= 7 && count <= 15) {
        phone(spans, datesAndNumbers, digits.start(), digits.end());
      }
    }
    find(spans, STREET_WITH_NUMBER, text, ADDRESS);
    find(spans, POSTCODE, text, ADDRESS);
    find(spans, STREET_NAME, text, ADDRESS);
    for (String name : known.names()) {
      for (String part : name.split("[\\s-]+")) {
        if (part.codePointCount(0, part.length()) >= 2) {
          literal(spans, folded, part, NAME, true);
        }
      }
      if (name.strip().contains(" ")) {
        literal(spans, folded, name.strip(), NAME, true);
      }
    }
    return apply(text, spans);
  }

  /** A part of the text to replace; of two that start together, the one found first names it. */
  private record Span(int start, int end, String replacement) {}

  private static void phone(List<Span> spans, List<Span> datesAndNumbers, int start, int end) {
    if (datesAndNumbers.stream().noneMatch(s -> s.start() < end && start < s.end())) {
      spans.add(new Span(start, end, PHONE));
    }
  }

  private static void find(List<Span> spans, Pattern pattern, String text, String replacement) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new Span(m.start(), m.end(), replacement));
    }
  }

  /** A known string as a whole word of the folded text, optionally with the genitive s. */
  private static void literal(
      List<Span> spans, String folded, String value, String replacement, boolean genitive) {
    String needle = fold(value.strip());
    if (needle.isEmpty()) {
      return;
    }
    String body = Pattern.quote(needle).replace(" ", "\\E\\s+\\Q");
    Pattern p =
        Pattern.compile(
            NOT_WORD_BEFORE + body + (genitive ? "s?" : "") + NOT_WORD_AFTER,
            Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
    Matcher m = p.matcher(folded);
    while (m.find()) {
      spans.add(new Span(m.start(), m.end(), replacement));
    }
  }

  /** A known number with or without its separators (UM-1234, um 1234, um1234). */
  private static void number(List<Span> spans, String text, String number) {
    String compact = number.replaceAll("[^\\p{L}\\p{N}+]", "");
    if (compact.length() < 3) {
      return;
    }
    StringBuilder regex = new StringBuilder(NOT_WORD_BEFORE);
    for (int i = 0; i < compact.length(); i++) {
      if (i > 0) {
        regex.append("[\\s./-]?");
      }
      regex.append(Pattern.quote(String.valueOf(compact.charAt(i))));
    }
    regex.append(NOT_WORD_AFTER);
    find(
        spans,
        Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
        text,
        NUMBER);
  }

  /** Overlapping spans become one, replaced by the kind of the one that starts first. */
  private static String apply(String text, List<Span> spans) {
    // A stable sort: of spans with the same start, the longest, then the first found.
    spans.sort(Comparator.comparingInt(Span::start).thenComparingInt(s -> -s.end()));
    StringBuilder out = new StringBuilder();
    int at = 0;
    int i = 0;
    while (i < spans.size()) {
      Span first = spans.get(i);
      int end = first.end();
      int j = i + 1;
      while (j < spans.size() && spans.get(j).start() < end) {
        end = Math.max(end, spans.get(j).end());
        j++;
      }
      if (first.start() >= at) {
        out.append(text, at, first.start()).append(first.replacement());
        at = end;
      } else if (end > at) {
        at = end;
      }
      i = j;
    }
    return out.append(text.substring(at)).toString();
  }

  /**
   * The text in lower case without diacritics, one char for each char of the text, so that a match
   * in it is a match at the same place in the text.
   */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String base =
          Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
      char folded = base.isEmpty() ? c : base.charAt(0);
      out.append(Character.toLowerCase(folded));
    }
    return out.toString();
  }
}
