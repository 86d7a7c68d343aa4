package se.saknad.research;

/** Ages as research publishes them: in bands, never the age itself. */
final class AgeBands {
  private AgeBands() {}

  static String of(Integer age) {
    if (age == null) {
      return "unknown";
    }
    return age < 13 ? "0-12" : age < 16 ? "13-15" : age < 18 ? "16-17" : "18+";
  }
}
