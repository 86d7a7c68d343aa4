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

  public static void requireE164(String phone, String field) {
    if (!isE164(phone)) {
      throw ProblemException.invalid(
          field, "not a valid phone number in E.164 form (+46701234567)");
    }
  }
}
