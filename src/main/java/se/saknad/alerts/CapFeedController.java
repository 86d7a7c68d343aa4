package se.saknad.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/cap")
class CapFeedController {
  private final CapFeed feed;

  CapFeedController(CapFeed feed) {
    this.feed = feed;
  }

  /**
   * The partner's Atom feed. Partners poll it every few seconds: an unchanged feed is answered 304
   * without a body when {@code If-None-Match} names its ETag.
   */
  @Get("/feed.atom")
  @Produces("application/atom+xml")
  @Secured({"PARTNER"})
  HttpResponse<String> feed(
      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      Caller caller,
      @AuditEndpoint String endpoint) {
    CapFeed.Feed answer = feed.read(caller, endpoint);
    if (ifNoneMatch != null && matches(ifNoneMatch, answer.etag())) {
      return HttpResponse.<String>status(HttpStatus.NOT_MODIFIED)
          .header(HttpHeaders.ETAG, answer.etag());
    }
    return HttpResponse.ok(answer.xml())
        .contentType("application/atom+xml;charset=UTF-8")
        .header(HttpHeaders.ETAG, answer.etag());
  }

  /** {@code If-None-Match}: a list of tags, weak ones ({@code W/"…"}) compared weakly, or *. */
  static boolean matches(String header, String etag) {
    for (String tag : header.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
