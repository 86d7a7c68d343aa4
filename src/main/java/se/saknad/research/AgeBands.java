package se.saknad.research;

/** Ages as research publishes them: in bands, or wider ones. */
final class AgeBands {
  private AgeBands() {}

  static String of(Integer age) {
    if (age == null) {
      return "unknown";
    }
    return age < 13 ? "0-12" : age < 16 ? "13-15" : age < 18 ? "16-17" : "18+";
  }

  /** Under 16, or 16 and older. */
  static String wide(Integer age) {
    if (age == null) {
      return "unknown";
    }
    return age < 16 ? "0-15" : "16+";
  }
}
