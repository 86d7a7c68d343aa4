package se.saknad.research;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quasi-identifiers of a research row: everything a row publishes that someone who knows the
 * case (a teacher, a friend, a trafficker, a journalist) could know too. Each has a hierarchy of
 * levels, from the most detailed value to suppressed; {@link KAnonymity} chooses one level per
 * quasi-identifier for all rows (global recoding). A level gives the values of the fields it
 * publishes: {@link KAnonymity#SUPPRESSED} for a value generalised away, null for a field that only
 * a finer level fills (the exact age when bands are published).
 *
 * <p>The order is the order of the search: those with the most distinct values first, so that the
 * search rules out whole branches early.
 */
enum QuasiIdentifier {
  ORIGIN(List.of("nationality", "regionOfOrigin"), "nationality", "region", "continent") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 -> of("nationality", f.nationality(), "regionOfOrigin", region(f));
        case 1 -> of("nationality", null, "regionOfOrigin", region(f));
        case 2 ->
            of("nationality", null, "regionOfOrigin", RegionsOfOrigin.continent(f.nationality()));
        default -> of("nationality", null, "regionOfOrigin", KAnonymity.SUPPRESSED);
      };
    }

    private static String region(RowFacts f) {
      return RegionsOfOrigin.of(f.nationality());
    }
  },
  PLACE(List.of("municipalityCode", "countyCode"), "municipality", "county") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 -> of("municipalityCode", f.municipalityCode(), "countyCode", f.countyCode());
        case 1 -> of("municipalityCode", null, "countyCode", f.countyCode());
        default -> of("municipalityCode", null, "countyCode", KAnonymity.SUPPRESSED);
      };
    }
  },
  AGE(List.of("ageAtDisappearance", "ageBand"), "years", "band", "wideBand") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 -> of("ageAtDisappearance", f.age(), "ageBand", AgeBands.of(f.age()));
        case 1 -> of("ageAtDisappearance", null, "ageBand", AgeBands.of(f.age()));
        case 2 -> of("ageAtDisappearance", null, "ageBand", AgeBands.wide(f.age()));
        default -> of("ageAtDisappearance", null, "ageBand", KAnonymity.SUPPRESSED);
      };
    }
  },
  TIME(List.of("quarter"), "quarter", "year") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 -> of("quarter", f.quarter());
        case 1 -> of("quarter", f.quarter().substring(0, 4));
        default -> of("quarter", KAnonymity.SUPPRESSED);
      };
    }
  },
  LANGUAGE(List.of("language", "interpreterUsed"), "language", "interpreter") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 -> of("language", f.language(), "interpreterUsed", f.interpreterUsed());
        case 1 -> of("language", KAnonymity.SUPPRESSED, "interpreterUsed", f.interpreterUsed());
        default -> of("language", KAnonymity.SUPPRESSED, "interpreterUsed", KAnonymity.SUPPRESSED);
      };
    }
  },
  DURATION(List.of("durationBand", "missingHours"), "band", "wideBand") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      // The hours themselves are never published: every duration to the hundredth is unique.
      return switch (level) {
        case 0 -> of("durationBand", DurationBands.of(f.missingHours()), "missingHours", null);
        case 1 -> of("durationBand", DurationBands.wide(f.missingHours()), "missingHours", null);
        default -> of("durationBand", KAnonymity.SUPPRESSED, "missingHours", null);
      };
    }
  },
  EPISODES(List.of("episodeNumber", "episodes"), "number", "upTo3", "upTo2") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      int n = f.episode();
      return switch (level) {
        case 0 -> of("episodeNumber", n, "episodes", n >= 3 ? "3+" : String.valueOf(n));
        case 1 -> of("episodeNumber", null, "episodes", n >= 3 ? "3+" : String.valueOf(n));
        case 2 -> of("episodeNumber", null, "episodes", n >= 2 ? "2+" : "1");
        default -> of("episodeNumber", null, "episodes", KAnonymity.SUPPRESSED);
      };
    }
  },
  INTERVIEW(
      List.of("interviewerRole", "interviewerIndependent", "heldWithin72h"),
      "interviewer",
      "independenceAndTiming") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return switch (level) {
        case 0 ->
            of(
                "interviewerRole",
                f.interviewerRole(),
                "interviewerIndependent",
                f.interviewerIndependent(),
                "heldWithin72h",
                f.heldWithin72h());
        case 1 ->
            of(
                "interviewerRole",
                KAnonymity.SUPPRESSED,
                "interviewerIndependent",
                f.interviewerIndependent(),
                "heldWithin72h",
                f.heldWithin72h());
        default ->
            of(
                "interviewerRole",
                KAnonymity.SUPPRESSED,
                "interviewerIndependent",
                KAnonymity.SUPPRESSED,
                "heldWithin72h",
                KAnonymity.SUPPRESSED);
      };
    }
  },
  RISK(List.of("riskLevel"), "riskLevel") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return of("riskLevel", level == 0 ? f.riskLevel() : KAnonymity.SUPPRESSED);
    }
  },
  OUTCOME(List.of("outcome"), "outcome") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return of("outcome", level == 0 ? f.outcome() : KAnonymity.SUPPRESSED);
    }
  },
  GENDER(List.of("gender"), "gender") {
    @Override
    Map<String, Object> values(RowFacts f, int level) {
      return of("gender", level == 0 ? f.gender() : KAnonymity.SUPPRESSED);
    }
  };

  static final String SUPPRESSED_LEVEL = "suppressed";

  /** The row fields this quasi-identifier publishes. */
  final List<String> fields;

  /** Level names, most detailed first; the last, implied level is {@link #SUPPRESSED_LEVEL}. */
  private final List<String> levels;

  QuasiIdentifier(List<String> fields, String... levels) {
    this.fields = fields;
    this.levels = List.of(levels);
  }

  /** Levels including the suppressed one. */
  int levelCount() {
    return levels.size() + 1;
  }

  String levelName(int level) {
    return level < levels.size() ? levels.get(level) : SUPPRESSED_LEVEL;
  }

  /** The published values of this quasi-identifier's fields at a level. */
  abstract Map<String, Object> values(RowFacts facts, int level);

  /** The name as published: {@code origin}, {@code place}, .... */
  String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, Object> of(Object... namesAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return values;
  }
}
