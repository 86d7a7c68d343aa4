package se.saknad.common;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;

/**
 * A bounded pool refused the work (every thread busy, the queue full): 503 with Retry-After,
 * written by {@link ProblemResponses}, never a 500.
 */
@Produces
@Singleton
final class BusyProblems implements ExceptionHandler<RejectedExecutionException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  BusyProblems(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, RejectedExecutionException exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).build(),
        HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
  }
}
