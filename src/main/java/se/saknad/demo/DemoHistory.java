package se.saknad.demo;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.Homes;

/**
 * A year of closed, fictional disappearances with their debriefs, so that the demo's research pages
 * have something to show. Written straight into the tables as history: no alert is sent for the
 * past. The mix (mostly boys of 15–17, half back within a day, one in four gone again later) is
 * made up for the demo, not taken from any register.
 */
@Singleton
public class DemoHistory {
  private static final UUID SYSTEM = new UUID(0, 0);
  private static final String[] GIVEN = {
    "Ahmad", "Ali", "Bilal", "Dawit", "Elias", "Farid", "Hamza", "Idris", "Jamal", "Karim", "Luul",
    "Mariam", "Nadia", "Omar", "Rahim", "Samira", "Tesfay", "Yonas", "Zainab", "Hassan"
  };
  private static final String[] FAMILY = {
    "Demoson", "Exempel", "Provsson", "Fiktiv", "Testare", "Påhittad", "Övningsdotter"
  };
  private static final String[] NATIONALITIES = {
    "AF", "AF", "AF", "AF", "SO", "SO", "MA", "MA", "ER", "SY", "DZ", "IQ", "VN"
  };
  private static final String[] REASONS = {
    "FEAR_OF_DEPORTATION", "FEAR_OF_DEPORTATION", "AGE_ASSESSMENT", "ASYLUM_DECISION",
    "CONFLICT_AT_HOME", "TO_REACH_RELATIVES", "TO_REACH_RELATIVES", "TO_REACH_ANOTHER_COUNTRY",
    "PRESSURE_BY_ADULTS", "FRIENDS_OR_PARTNER", "WORK_OR_MONEY", "ISOLATION_OR_BOREDOM"
  };
  private static final String[] WHEREABOUTS = {
    "WITH_RELATIVES",
    "WITH_FRIENDS_OWN_AGE",
    "WITH_UNKNOWN_ADULTS",
    "ANOTHER_MUNICIPALITY",
    "SLEEPING_ROUGH",
    "DECLINED_TO_SAY"
  };

  private final Db db;
  private final Homes homes;
  private final Clock clock;

  DemoHistory(Db db, Homes homes, Clock clock) {
    this.db = db;
    this.homes = homes;
    this.clock = clock;
  }

  /** Writes {@code children} fictional children of the home with 1–4 past cases each. */
  @Transactional
  public int write(UUID homeId, int children, long seed) {
    Random random = new Random(seed);
    Instant now = clock.instant();
    // The children lived at the home and went missing from it; its region is the county's.
    HomeView home = homes.require(homeId);
    String region =
        db.one(
                "SELECT c.police_region_code FROM municipality m JOIN county c ON c.code = m.county_code"
                    + " WHERE m.code = ?",
                rs -> rs.getString(1),
                home.municipalityCode())
            .orElseThrow();
    int cases = 0;
    List<Object[]> debriefs = new ArrayList<>();
    List<Object[]> notHeld = new ArrayList<>();
    for (int i = 0; i < children; i++) {
      UUID child = UUID.randomUUID();
      int age = 13 + pickAge(random);
      LocalDate born =
          LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(age).minusDays(random.nextInt(300));
      String given = GIVEN[random.nextInt(GIVEN.length)];
      String family = FAMILY[random.nextInt(FAMILY.length)];
      db.update(
          """
          INSERT INTO child (id, home_id, given_name, family_name, date_of_birth, gender, nationality,
            languages, description, responsible_municipality_code, search_names)
          VALUES (?, ?, ?, ?, ?, ?, ?, '{}', '', ?, lower(? || ' ' || ?))
          """,
          child,
          homeId,
          given,
          family,
          born,
          random.nextInt(10) < 8 ? "MALE" : "FEMALE",
          NATIONALITIES[random.nextInt(NATIONALITIES.length)],
          home.municipalityCode(),
          given,
          family);
      int episodes = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(3);
      Instant start = now.minus(Duration.ofDays(30 + random.nextInt(330)));
      for (int e = 0; e < episodes; e++) {
        Instant lastSeen = start.plus(Duration.ofDays(e * (10L + random.nextInt(40))));
        if (lastSeen.isAfter(now.minus(Duration.ofDays(20)))) {
          break;
        }
        long hours = missingHours(random);
        Instant returned = hours < 0 ? null : lastSeen.plus(Duration.ofHours(hours));
        UUID kase = UUID.randomUUID();
        db.update(
            """
            INSERT INTO disappearance_case (id, child_id, code, status, last_seen_at,
              last_seen_location, risk_level, municipality_code, police_region_code, search_center,
              reported_by, reported_at, returned_at, debrief_due_by, closed_at, child_age,
              home_municipality_code)
            VALUES (?, ?, ?, 'CLOSED', ?, ST_GeogFromText(?), ?, ?, ?, ST_GeogFromText(?), ?, ?, ?,
              ?, ?, ?, ?)
            """,
            kase,
            child,
            String.valueOf(1000 + random.nextInt(9000)),
            lastSeen,
            home.location(),
            new String[] {"HIGH", "ELEVATED", "ELEVATED", "STANDARD"}[random.nextInt(4)],
            home.municipalityCode(),
            region,
            home.location(),
            SYSTEM,
            lastSeen.plus(Duration.ofMinutes(20)),
            returned,
            returned == null ? null : returned.plus(Duration.ofHours(72)),
            (returned == null
                ? lastSeen.plus(Duration.ofDays(14))
                : returned.plus(Duration.ofDays(5))),
            age,
            home.municipalityCode());
        cases++;
        if (returned == null) {
          continue;
        }
        db.update(
            "INSERT INTO case_return (case_id, returned_at, found_by, condition, recorded_by,"
                + " recorded_at) VALUES (?, ?, 'Demo', 'Demo', ?, ?)",
            kase,
            returned,
            SYSTEM,
            returned);
        int kind = random.nextInt(20);
        if (kind == 0) {
          // Not held, and recorded so: a demo must not open with year-old debriefs overdue.
          // No random draw here, so that the cases after it stay as they were.
          notHeld.add(new Object[] {kase, returned.plus(Duration.ofDays(2)), SYSTEM});
          continue;
        }
        String outcome = kind <= 2 ? "DECLINED" : "HELD";
        Instant held =
            returned.plus(
                Duration.ofHours(kind <= 15 ? 4 + random.nextInt(60) : 80 + random.nextInt(100)));
        debriefs.add(
            new Object[] {
              kase,
              outcome,
              held,
              random.nextBoolean() ? "SOCIAL_WORKER" : "INDEPENDENT_INTERVIEWER",
              random.nextBoolean(),
              random.nextInt(10) < 7,
              random.nextInt(10) < 4,
              outcome.equals("HELD") ? pick(random, REASONS, 1 + random.nextInt(2)) : List.of(),
              outcome.equals("HELD") ? pick(random, WHEREABOUTS, 1) : List.of(),
              SYSTEM,
              held
            });
      }
    }
    db.batch(
        """
        INSERT INTO debrief (case_id, version, outcome, conducted_at, interviewer_role,
          interviewer_independent, interpreter_used, consent_to_research, reasons, whereabouts,
          recorded_by, recorded_at)
        VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        debriefs);
    db.batch(
        """
        INSERT INTO debrief (case_id, version, outcome, not_held_reason, conducted_at,
          interviewer_role, interviewer_independent, interpreter_used, consent_to_research,
          reasons, whereabouts, recorded_by, recorded_at)
        VALUES (?, 1, 'NOT_HELD', 'Barnet flyttades till en annan kommun', NULL, 'SOCIAL_WORKER',
          false, false, false, '{}', '{}', ?, ?)
        """,
        notHeld.stream().map(r -> new Object[] {r[0], r[2], r[1]}).toList());
    writeReferrals(region, debriefs, new Random(seed + 1000));
    return cases;
  }

  private static final String[] REFERRAL_OUTCOMES = {
    "PRESUMED_VICTIM",
    "REFERRED_TO_SUPPORT_PROGRAMME",
    "REFERRED_TO_SUPPORT_PROGRAMME",
    "POLICE_REPORT_FILED",
    "NOT_SUBSTANTIATED",
    "NOT_SUBSTANTIATED",
    "NOT_SUBSTANTIATED",
    "OTHER"
  };

  /**
   * The referrals those debriefs would have opened (stayed with unknown adults), each closed with
   * an outcome. A separate random stream, so the cases and debriefs above stay as they were.
   */
  private void writeReferrals(String region, List<Object[]> debriefs, Random random) {
    List<Object[]> referrals = new ArrayList<>();
    for (Object[] d : debriefs) {
      if (!((List<?>) d[8]).contains("WITH_UNKNOWN_ADULTS")) {
        continue;
      }
      Instant opened = ((Instant) d[2]).plus(Duration.ofHours(1));
      Instant acknowledged = opened.plus(Duration.ofMinutes(5 + random.nextInt(120)));
      referrals.add(
          new Object[] {
            UUID.randomUUID(),
            d[0],
            region,
            opened,
            acknowledged,
            acknowledged.plus(Duration.ofDays(2 + random.nextInt(20))),
            REFERRAL_OUTCOMES[random.nextInt(REFERRAL_OUTCOMES.length)]
          });
    }
    db.batch(
        """
        INSERT INTO referral (id, case_id, police_region_code, status, reasons, opened_at,
          acknowledged_at, acknowledged_channel, closed_by, closed_at, outcome)
        VALUES (?, ?, ?, 'CLOSED', '{WITH_UNKNOWN_ADULTS}', ?, ?, 'SMS',
          '00000000-0000-0000-0000-000000000000', ?, ?)
        """,
        referrals);
  }

  private static int pickAge(Random random) {
    int r = random.nextInt(10);
    return r < 1 ? 0 : r < 3 ? 2 : r < 6 ? 3 : 4; // 13, 15, 16 or 17
  }

  /** Half are back within a day, most within a week; a few never (-1). */
  private static long missingHours(Random random) {
    int r = random.nextInt(20);
    if (r < 10) {
      return 2 + random.nextInt(22);
    }
    if (r < 16) {
      return 24 + random.nextInt(144);
    }
    if (r < 19) {
      return 168 + random.nextInt(500);
    }
    return -1;
  }

  private static List<String> pick(Random random, String[] from, int count) {
    List<String> picked = new ArrayList<>();
    while (picked.size() < count) {
      String s = from[random.nextInt(from.length)];
      if (!picked.contains(s)) {
        picked.add(s);
      }
    }
    return picked;
  }
}
