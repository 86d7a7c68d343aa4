package se.saknad.common;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error the server answers with (ours, the framework's, security's) into RFC 7807
 * problem+json. Details are written here, never copied from exception messages, so no input value,
 * SQL or stack trace reaches the client.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponses implements ErrorResponseProcessor<Map<String, Object>> {
  static final String PROBLEM_JSON = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:saknad:problem:";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  private final io.micrometer.core.instrument.Counter unavailable;

  ProblemResponses(io.micrometer.core.instrument.MeterRegistry meters) {
    this.unavailable =
        io.micrometer.core.instrument.Counter.builder("saknad.database.unavailable")
            .description("Requests answered 503 because no primary database was reachable")
            .register(meters);
  }

  private static final long BUSY_RETRY_SECONDS = 1;
  private static final long DEFAULT_RETRY_SECONDS = 5;

  @Override
  @NonNull
  public MutableHttpResponse<Map<String, Object>> processResponse(
      @NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
    Throwable cause = context.getRootCause().orElse(null);
    Map<String, Object> body;
    HttpStatus status = response.getStatus();
    if (cause instanceof ProblemException problem) {
      status = problem.status();
      body = problem(status, problem.slug(), problem.title(), problem.detail(), problem.errors());
      body.putAll(problem.extensions());
    } else if (cause instanceof RejectedExecutionException) {
      // A bounded pool is full (requests or password hashing): come back in a moment.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      body =
          problem(
              status,
              "busy",
              "The service is busy",
              "Every worker is busy and the queue is full; try again after Retry-After seconds",
              List.of());
      body.put(ProblemException.RETRY_AFTER_SECONDS, BUSY_RETRY_SECONDS);
    } else if (cause instanceof ConstraintViolationException violations) {
      status = HttpStatus.BAD_REQUEST;
      List<FieldError> errors = fieldErrors(violations);
      body =
          problem(
              status,
              "validation-failed",
              "The request is not valid",
              errors.size() + " field(s) are missing or invalid",
              errors);
    } else if (DatabaseUnavailable.is(cause)) {
      // A failover or a restart of the database: the client may repeat the request (a create
      // with its Idempotency-Key) once a primary is back, within seconds.
      status = HttpStatus.SERVICE_UNAVAILABLE;
      response.header(io.micronaut.http.HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
      unavailable.increment();
      LOG.warn(
          "Database unavailable on {} {} (SQLState {})",
          context.getRequest().getMethod(),
          routeOf(context),
          sqlState(cause));
      body =
          problem(
              status,
              "database-unavailable",
              "The database is not reachable",
              "Try again in a few seconds; a create can be repeated with the same Idempotency-Key",
              List.of());
    } else if (unreadableBody(cause)) {
      // Netty's form and multipart decoder fails on what it cannot read (a part without a name,
      // no boundary, a broken %-escape) with its own exceptions and plain NPEs: the request's
      // fault.
      status = HttpStatus.BAD_REQUEST;
      body =
          problem(
              status,
              "malformed-request",
              "The request could not be read",
              "The form or multipart body is malformed: every part needs a name, the boundary"
                  + " must match the one declared, and escapes must be complete",
              List.of());
    } else if (UNIQUE_VIOLATION.equals(sqlState(cause))) {
      // A simultaneous request stored the same thing first; the transaction rolled back.
      status = HttpStatus.CONFLICT;
      body =
          problem(
              status,
              "already-exists",
              "Already stored",
              "A simultaneous request stored the same record first; read it before trying again",
              List.of());
    } else if (UNSTORABLE_TEXT.contains(sqlState(cause)) || refusedText(cause)) {
      // Control characters are refused when JSON is read; PostgreSQL text cannot hold NUL or
      // unpaired surrogates either (the transaction rolled back).
      status = HttpStatus.BAD_REQUEST;
      body =
          problem(
              status,
              "unstorable-text",
              "The request contains characters that cannot be stored",
              "Text may not contain control characters (other than tab and newline) or broken"
                  + " UTF-16",
              List.of());
    } else {
      body = framework(status, context);
      if (status.getCode() >= 500 && cause != null) {
        LOG.error(
            "Unhandled failure on {} {}",
            context.getRequest().getMethod(),
            routeOf(context),
            cause);
      }
    }
    if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
      // Every refusal that asks the client to come back says when (RFC 9110, 10.2.3).
      Object seconds =
          body.computeIfAbsent(ProblemException.RETRY_AFTER_SECONDS, k -> DEFAULT_RETRY_SECONDS);
      response.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Map<String, Object>> typed =
        (MutableHttpResponse<Map<String, Object>>) response;
    return typed.status(status).contentType(PROBLEM_JSON).body(body);
  }

  private static boolean refusedText(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StorableText.Refused) {
        return true;
      }
      if (t instanceof io.micronaut.core.convert.exceptions.ConversionErrorException conversion
          && refusedText(conversion.getConversionError().getCause())) {
        return true;
      }
    }
    return false;
  }

  /** The package of Netty's form and multipart body decoder. */
  private static final String BODY_DECODER = "io.netty.handler.codec.http.multipart.";

  /**
   * Whether the failure came out of decoding a form or multipart body: a decoder exception, or any
   * exception thrown within the decoder (its first frames outside the JDK are the decoder's).
   */
  private static boolean unreadableBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith(BODY_DECODER)) {
        return true;
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith("java.")) {
          continue;
        }
        if (frame.getClassName().startsWith(BODY_DECODER)) {
          return true;
        }
        break;
      }
    }
    return false;
  }

  /** The SQLState of the first SQL exception in the chain, or "" when there is none. */
  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static String routeOf(ErrorContext context) {
    return context.getRequest().getPath();
  }

  private static Map<String, Object> framework(HttpStatus status, ErrorContext context) {
    return switch (status.getCode()) {
      case 400 -> {
        List<FieldError> errors = new ArrayList<>();
        context
            .getErrors()
            .forEach(
                e ->
                    errors.add(
                        new FieldError(
                            e.getPath().map(ProblemResponses::lastSegment).orElse("body"),
                            "missing, malformed or of the wrong type")));
        yield problem(
            status,
            "malformed-request",
            "The request could not be read",
            "Check the JSON syntax, the field types and the required parameters",
            errors);
      }
      case 401 ->
          problem(
              status,
              "unauthorized",
              "Sign-in required",
              "A valid, unexpired bearer token is required",
              List.of());
      case 403 ->
          problem(status, "forbidden", "Not allowed", "Your role may not do this", List.of());
      case 404 -> problem(status, "not-found", "Not found", "No such resource", List.of());
      case 405 ->
          problem(
              status,
              "method-not-allowed",
              "Method not allowed",
              "This resource does not accept that method",
              List.of());
      case 413 ->
          problem(
              status,
              "too-large",
              "Request too large",
              "The request body is larger than allowed",
              List.of());
      case 415 ->
          problem(
              status,
              "unsupported-media-type",
              "Unsupported media type",
              "Send application/json",
              List.of());
      default ->
          problem(
              status,
              status.getCode() >= 500 ? "internal-error" : "error",
              status.getReason(),
              status.getCode() >= 500
                  ? "Something went wrong on our side; it has been logged"
                  : status.getReason(),
              List.of());
    };
  }

  static Map<String, Object> problem(
      HttpStatus status, String slug, String title, String detail, List<FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + slug);
    body.put("title", title);
    body.put("status", status.getCode());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (FieldError e : errors) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put("field", e.field());
        item.put("message", e.message());
        list.add(item);
      }
      body.put("errors", list);
    }
    return body;
  }

  private static List<FieldError> fieldErrors(ConstraintViolationException e) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(FieldError::field));
    return errors;
  }

  /** "create.request.location.lat" becomes "location.lat": drop the method and parameter. */
  private static String fieldName(Path path) {
    List<String> parts = new ArrayList<>();
    for (Path.Node node : path) {
      String name = node.getName();
      if (name == null) {
        continue;
      }
      parts.add(node.getIndex() != null ? name + "[" + node.getIndex() + "]" : name);
    }
    if (parts.size() > 2) {
      return String.join(".", parts.subList(2, parts.size()));
    }
    return parts.isEmpty() ? "body" : parts.get(parts.size() - 1);
  }

  private static String lastSegment(String path) {
    int dot = path.lastIndexOf('.');
    return dot >= 0 ? path.substring(dot + 1) : path;
  }
}
