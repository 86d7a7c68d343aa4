package se.saknad.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A missing child's return, a minute ago, found by the police and unharmed unless told otherwise:
 * {@code aReturn().of(caseId).by(staff).create()} answers the case.
 */
public final class ReturnBuilder {
  private final ApiTest api;
  private final Map<String, Object> body = new HashMap<>();
  private Object caseId;
  private String token;

  ReturnBuilder(ApiTest api) {
    this.api = api;
    at(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
    body.put("foundBy", "Polis");
    body.put("condition", "Oskadd");
  }

  /** The case, as its id or its id's text. */
  public ReturnBuilder of(Object caseId) {
    this.caseId = caseId;
    return this;
  }

  public ReturnBuilder by(String token) {
    this.token = token;
    return this;
  }

  public ReturnBuilder at(OffsetDateTime when) {
    body.put("returnedAt", when.toString());
    return this;
  }

  public ReturnBuilder foundBy(String who) {
    body.put("foundBy", who);
    return this;
  }

  public ReturnBuilder condition(String condition) {
    body.put("condition", condition);
    return this;
  }

  public ReturnBuilder note(String note) {
    body.put("note", note);
    return this;
  }

  public Json create() {
    if (caseId == null || token == null) {
      throw new IllegalStateException("a return is of a case, by someone: of(...).by(...)");
    }
    return api.as(token).post("/api/v1/cases/" + caseId + "/return", body);
  }
}
