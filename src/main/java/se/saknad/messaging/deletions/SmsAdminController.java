package se.saknad.messaging.deletions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.saknad.common.ProblemException;

/** What the administrators need to see of the SMS machinery. */
@Controller("/api/v1/sms")
@Secured("ADMIN")
class SmsAdminController {
  private static final Set<String> STATES = Set.of("PENDING", "FAILING", "DONE");

  private final ProviderErasures erasures;

  SmsAdminController(ProviderErasures erasures) {
    this.erasures = erasures;
  }

  /** Deletions at the provider by state (default FAILING), newest first, at most 500. */
  @Get("/erasures")
  List<ProviderErasures.View> erasures(@Nullable @QueryValue String status) {
    String wanted = status == null ? "FAILING" : status.toUpperCase(Locale.ROOT);
    if (!STATES.contains(wanted)) {
      throw ProblemException.badRequest("status", "status is one of PENDING, FAILING, DONE");
    }
    return erasures.list(wanted, 500);
  }
}
