package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * The case list comes a page at a time: a registry with years of closed cases listed in one answer
 * ran the service out of memory (GET /api/v1/cases?status=CLOSED for 13,000 cases: a 500 after 46
 * s, and the connection pool lost a connection on the way).
 */
@MicronautTest(transactional = false)
class ListingCasesInPagesTest extends ApiTest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  private UUID home;
  private String staff;
  private final List<UUID> newestFirst = new ArrayList<>();

  @BeforeAll
  void sevenOpenCasesInOneHome() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    for (int i = 0; i < 7; i++) {
      UUID child = aChild().inHome(home).named("Sida", "Barn" + i).create();
      newestFirst.add(0, aReport().of(child).by(staff).create().id());
    }
  }

  @Test
  void aLongListComesInPagesThatFollowOneAnotherWithoutGapsOrRepeats() {
    List<UUID> listed = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String uri = "/api/v1/cases?status=MISSING&limit=3";
    while (uri != null) {
      HttpResponse<String> page = as(staff).exchange(HttpRequest.GET(uri));
      List<UUID> ids = Json.parse(page.body()).uuids("[*].id");
      sizes.add(ids.size());
      listed.addAll(ids);
      uri = next(page);
    }
    assertEquals(List.of(3, 3, 1), sizes);
    assertEquals(newestFirst, listed);
  }

  @Test
  void theLastPageSaysNothingFollows() {
    HttpResponse<String> page =
        as(staff).exchange(HttpRequest.GET("/api/v1/cases?status=MISSING&limit=7"));
    assertEquals(7, Json.parse(page.body()).size());
    assertNull(next(page));
  }

  @Test
  void aPageTokenCarriesNothingOutsideTheCallersScope() {
    HttpResponse<String> first =
        as(staff).exchange(HttpRequest.GET("/api/v1/cases?status=MISSING&limit=2"));
    String otherHomesStaff = staffOf(aHome().at(TYRESO_CENTRUM).create());
    assertEquals(0, as(otherHomesStaff).get(next(first)).size());
  }

  @Test
  void aLimitOutsideOneToFiveHundredIsRefused() {
    for (String limit : List.of("0", "-1", "501", "100000")) {
      Json problem =
          problemOf(400, () -> as(staff).get("/api/v1/cases?status=MISSING&limit=" + limit));
      assertEquals(List.of("limit"), errorFields(problem), limit);
    }
  }

  @Test
  void aPositionTheListDidNotGiveIsRefused() {
    for (String after : List.of("x", "bm90LWEtcG9zaXRpb24", UUID.randomUUID().toString())) {
      Json problem =
          problemOf(400, () -> as(staff).get("/api/v1/cases?status=MISSING&after=" + after));
      assertEquals(List.of("after"), errorFields(problem), after);
    }
  }

  private static String next(HttpResponse<String> page) {
    String link = page.getHeaders().get(HttpHeaders.LINK);
    if (link == null) {
      return null;
    }
    Matcher next = NEXT.matcher(link);
    return next.find() ? next.group(1) : null;
  }
}
