package se.saknad.common;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException;
import jakarta.inject.Singleton;

/**
 * A form or multipart body the decoder cannot read is answered 400 by {@link ProblemResponses}.
 * Handled here so that the framework does not log it as an unexpected error: its message quotes the
 * unreadable piece of the body, which may be anything the client sent.
 */
@Produces
@Singleton
final class UnreadableBodyHandler
    implements ExceptionHandler<ErrorDataDecoderException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  UnreadableBodyHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ErrorDataDecoderException exception) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).build(), HttpResponse.badRequest());
  }
}
