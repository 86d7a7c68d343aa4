package se.saknad.common;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.AnnotatedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Fills {@link AuditEndpoint} arguments. */
@Singleton
class AuditEndpointBinder implements AnnotatedRequestArgumentBinder<AuditEndpoint, String> {
  @Override
  public Class<AuditEndpoint> getAnnotationType() {
    return AuditEndpoint.class;
  }

  @Override
  public BindingResult<String> bind(
      ArgumentConversionContext<String> context, HttpRequest<?> source) {
    String endpoint = Endpoints.of(source);
    return () -> Optional.of(endpoint);
  }
}
