package se.saknad.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * E.164 checks with libphonenumber: a number must be valid for its country and written in E.164.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  public static boolean isE164(String phone) {
    if (phone == null || !phone.startsWith("+")) {
      return false;
    }
    try {
      var number = UTIL.parse(phone, null);
      return UTIL.isValidNumber(number)
          && UTIL.format(number, PhoneNumberFormat.E164).equals(phone);
    } catch (NumberParseException e) {
      return false;
    }
  }

  /**
   * A phone as typed (national Swedish form such as 070-123 45 67, or international with + or 00)
   * in E.164, or the input unchanged when it is no valid number, so that the E.164 check names it.
   */
  public static String normalize(String phone) {
    if (phone == null || phone.isBlank()) {
      return phone;
    }
    String typed = phone.strip();
    if (typed.startsWith("00")) {
      typed = "+" + typed.substring(2);
    }
    try {
      var number = UTIL.parse(typed, "SE");
      return UTIL.isValidNumber(number) ? UTIL.format(number, PhoneNumberFormat.E164) : phone;
    } catch (NumberParseException e) {
      return phone;
    }
  }

  public static void requireE164(String phone, String field) {
    if (!isE164(phone)) {
      throw ProblemException.invalid(
          field, "not a valid phone number in E.164 form (+46701234567)");
    }
  }
}
