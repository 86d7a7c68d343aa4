package se.saknad.alerts;

import java.util.Map;

/**
 * How many SMS segments a text costs, by the rules phones and providers use (3GPP TS 23.038): a
 * text entirely in the GSM 7-bit alphabet costs 7 bits a character (the extension characters such
 * as € and [ cost two), 160 septets in one SMS or 153 a segment when split; any other character
 * makes the whole text UCS-2, 70 characters in one SMS or 67 a segment.
 */
final class SmsSegments {
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  /** Typographic characters people type that have a GSM-7 twin. */
  private static final Map<Character, String> PLAIN =
      Map.ofEntries(
          Map.entry('…', "..."),
          Map.entry('–', "-"),
          Map.entry('—', "-"),
          Map.entry('‐', "-"),
          Map.entry('’', "'"),
          Map.entry('‘', "'"),
          Map.entry('´', "'"),
          Map.entry('`', "'"),
          Map.entry('“', "\""),
          Map.entry('”', "\""),
          Map.entry('„', "\""),
          Map.entry('«', "\""),
          Map.entry('»', "\""),
          Map.entry('\u00a0', " "),
          Map.entry('\t', " "),
          Map.entry('•', "-"),
          Map.entry('í', "i"),
          Map.entry('á', "a"),
          Map.entry('ó', "o"),
          Map.entry('ú', "u"),
          Map.entry('ê', "e"),
          Map.entry('ë', "e"),
          Map.entry('ï', "i"),
          Map.entry('â', "a"),
          Map.entry('ô', "o"),
          Map.entry('ç', "c"));

  private SmsSegments() {}

  /** The text with typographic characters replaced by their GSM-7 twins. */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // A control character (stored before input refused them) would turn the whole SMS into
      // UCS-2 and push the clothing out of it: it becomes a space.
      if (Character.isISOControl(c) && c != '\n') {
        out.append(' ');
        continue;
      }
      out.append(PLAIN.getOrDefault(c, String.valueOf(c)));
    }
    return out.toString();
  }

  static boolean isGsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Septets in GSM-7, or UTF-16 units in UCS-2. */
  static int units(String text) {
    if (!isGsm7(text)) {
      return text.length();
    }
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return septets;
  }

  static int segments(String text) {
    boolean gsm = isGsm7(text);
    int units = units(text);
    int single = gsm ? 160 : 70;
    int part = gsm ? 153 : 67;
    return units <= single ? 1 : (units + part - 1) / part;
  }

  /** The most units that fit in {@code segments} for this kind of text. */
  static int capacity(boolean gsm, int segments) {
    if (segments == 1) {
      return gsm ? 160 : 70;
    }
    return (gsm ? 153 : 67) * segments;
  }
}
