package se.saknad.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/** The web pages live under /app; the bare address leads there. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class StartPage {
  @Get
  HttpResponse<?> start() {
    return HttpResponse.seeOther(URI.create("/app/index.html"));
  }
}
