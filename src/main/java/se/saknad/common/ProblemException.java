package se.saknad.common;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broken business rule or bad input, answered as RFC 7807 problem+json. The {@code slug} makes
 * the stable problem {@code type}; the detail must never carry personal data.
 */
public class ProblemException extends RuntimeException {
  /** The problem member that says how many seconds to wait; also sent as Retry-After. */
  public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  private final HttpStatus status;
  private final String slug;
  private final String title;
  private final String detail;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  public ProblemException(
      HttpStatus status,
      String slug,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extensions) {
    super(slug + ": " + title, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
  }

  /** A single field with an unacceptable value (422: well-formed, but breaks a rule). */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "invalid-field",
        "A field has an unacceptable value",
        field + ": " + message,
        List.of(new FieldError(field, message)),
        null);
  }

  /** Malformed input (400) naming the field. */
  public static ProblemException badRequest(String field, String message) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST,
        "validation-failed",
        "The request is not valid",
        field + ": " + message,
        List.of(new FieldError(field, message)),
        null);
  }

  /**
   * Refused for now (429 or 503): the client may try again after {@code seconds}, which the answer
   * carries as {@code retryAfterSeconds} and in the Retry-After header.
   */
  public static ProblemException retryLater(
      HttpStatus status, String slug, String title, String detail, long seconds) {
    return new ProblemException(
        status, slug, title, detail, null, Map.of(RETRY_AFTER_SECONDS, Math.max(1, seconds)));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found", null, null);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(
        HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail, null, null);
  }

  public static ProblemException conflict(
      String slug, String title, String detail, Map<String, Object> extensions) {
    return new ProblemException(HttpStatus.CONFLICT, slug, title, detail, null, extensions);
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
