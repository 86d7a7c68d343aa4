package se.saknad.common;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * Which text the service accepts and how text is made safe for XML. Input with control characters
 * (other than tab, newline, carriage return) is refused; XML writers drop whatever XML 1.0 cannot
 * hold anyway, so text stored before the rule, or arriving another way, never breaks a document.
 */
public final class StorableText {
  private StorableText() {}

  /** Thrown while reading JSON; answered as 400 {@code unstorable-text}, quoting nothing. */
  static final class Refused extends SerdeException {
    Refused() {
      super("text holds a control character");
    }
  }

  public static boolean isStorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
      if (c == '\uFFFE' || c == '\uFFFF') {
        return false;
      }
    }
    return true;
  }

  /** The text without the characters XML 1.0 cannot carry (controls, lone surrogates, FFFE/F). */
  public static String forXml(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF))
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
