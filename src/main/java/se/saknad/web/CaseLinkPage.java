package se.saknad.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.UUID;
import se.saknad.cases.CaseLinks;

/**
 * The link in an alert SMS opens the case page. The page itself signs the reader in and comes back
 * (the token lives in the browser tab, not in a cookie this redirect could see), and the case API
 * decides whether the reader may see it; this redirect reveals nothing about the case.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class CaseLinkPage {
  @Get("/c/{key}")
  HttpResponse<?> shortLink(String key) {
    return open(key);
  }

  @Get("/cases/{key}")
  HttpResponse<?> longLink(String key) {
    return open(key);
  }

  private static HttpResponse<?> open(String key) {
    return HttpResponse.seeOther(
        URI.create(
            CaseLinks.caseId(key)
                .map(UUID::toString)
                .map(id -> "/app/case.html?id=" + id)
                .orElse("/app/case.html?id=okand")));
  }
}
