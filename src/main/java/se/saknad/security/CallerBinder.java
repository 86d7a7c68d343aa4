package se.saknad.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller method's {@link Caller} argument from the request's authentication, so that
 * controllers name the caller instead of converting the token's attributes themselves.
 */
@Singleton
class CallerBinder implements TypedRequestArgumentBinder<Caller> {
  private static final Argument<Caller> TYPE = Argument.of(Caller.class);

  @Override
  public Argument<Caller> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<Caller> bind(
      ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
    if (!source.getAttributes().contains(SecurityFilter.KEY)) {
      // Authentication has not run yet for this request: bind again after the security filter.
      return BindingResult.unsatisfied();
    }
    Optional<Authentication> authentication = source.getUserPrincipal(Authentication.class);
    return authentication.isPresent()
        ? () -> authentication.map(Caller::of)
        : BindingResult.empty();
  }
}
