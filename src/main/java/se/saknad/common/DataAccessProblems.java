package se.saknad.common;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A database refusal reaching the edge (a unique index losing a race, text PostgreSQL cannot store)
 * is answered by {@link ProblemResponses} from its SQLState; anything else is a 500 logged there
 * once, without the driver's server detail (which may quote the offending values).
 */
@Produces
@Singleton
final class DataAccessProblems implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  DataAccessProblems(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).build(),
        HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
  }
}
