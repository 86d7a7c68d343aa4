package se.saknad.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A report that a child is missing, last seen half an hour ago at Tyresö centrum with standard risk
 * unless told otherwise: {@code aReport().of(child).by(staff).lastSeenAt(MALMO).risk("HIGH")
 * .create()} answers the opened case.
 */
public final class ReportBuilder {
  private final ApiTest api;
  private final Map<String, Object> body = new HashMap<>();
  private UUID child;
  private String token;

  ReportBuilder(ApiTest api) {
    this.api = api;
    minutesAgo(30);
    body.put("lastSeenLocation", ApiTest.TYRESO_CENTRUM);
    body.put("riskLevel", "STANDARD");
  }

  public ReportBuilder of(UUID child) {
    this.child = child;
    return this;
  }

  public ReportBuilder by(String token) {
    this.token = token;
    return this;
  }

  public ReportBuilder lastSeenAt(Map<String, Object> location) {
    body.put("lastSeenLocation", location);
    return this;
  }

  public ReportBuilder lastSeen(OffsetDateTime when) {
    body.put("lastSeenAt", when.truncatedTo(ChronoUnit.SECONDS).toString());
    return this;
  }

  public ReportBuilder minutesAgo(long minutes) {
    return lastSeen(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes));
  }

  public ReportBuilder risk(String level) {
    body.put("riskLevel", level);
    return this;
  }

  public ReportBuilder place(String place) {
    body.put("lastSeenPlace", place);
    return this;
  }

  public ReportBuilder clothing(String clothing) {
    body.put("clothing", clothing);
    return this;
  }

  public ReportBuilder circumstances(String circumstances) {
    body.put("circumstances", circumstances);
    return this;
  }

  /** Any other field of the report; {@code null} leaves it out. */
  public ReportBuilder with(String field, Object value) {
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    return this;
  }

  /** The report as it would be sent, for tests that send it themselves. */
  public Map<String, Object> body() {
    return new HashMap<>(body);
  }

  /** Sends the report; answers the opened case. */
  public Json create() {
    if (child == null || token == null) {
      throw new IllegalStateException("a report is of a child, by someone: of(...).by(...)");
    }
    return api.as(token).post("/api/v1/children/" + child + "/disappearances", body);
  }
}
