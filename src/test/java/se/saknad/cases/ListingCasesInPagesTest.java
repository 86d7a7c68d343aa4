package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
  private String staff;
  private final List<UUID> newestFirst = new ArrayList<>();

  @BeforeAll
  void sevenOpenCasesInOneHome() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    for (int i = 0; i < 7; i++) {
      UUID child = aChild().inHome(home).named("Sida", "Barn" + i).create();
      newestFirst.add(0, aReport().of(child).by(staff).create().id());
    }
  }

  @Test
  void aLongListComesInPagesThatFollowOneAnotherWithoutGapsOrRepeats() {
    List<List<Json>> pages = pages(staff, "/api/v1/cases?status=MISSING&limit=3");
    assertEquals(List.of(3, 3, 1), pages.stream().map(List::size).toList());
    assertEquals(newestFirst, pages.stream().flatMap(List::stream).map(Json::id).toList());
  }

  @Test
  void theLastPageSaysNothingFollows() {
    assertEquals(1, pages(staff, "/api/v1/cases?status=MISSING&limit=7").size());
    assertEquals(1, pages(staff, "/api/v1/cases?status=MISSING").size());
  }

  @Test
  void aPageTokenCarriesNothingOutsideTheCallersScope() {
    String second = next();
    String otherHomesStaff = staffOf(aHome().at(TYRESO_CENTRUM).create());
    assertEquals(0, as(otherHomesStaff).get(second).size());
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

  @Test
  void aTamperedOrHandWrittenPositionIsRefused() {
    String link = next();
    String after = link.substring(link.indexOf("after=") + "after=".length());
    String payload = after.substring(0, after.indexOf('.'));
    String position =
        new String(
            java.util.Base64.getUrlDecoder().decode(payload),
            java.nio.charset.StandardCharsets.UTF_8);
    String[] parts = position.split("~");
    // The same position one second later, signed as it was: not a position it gave out.
    String moved =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                (Long.parseLong(parts[0]) + 1 + "~" + parts[1] + "~" + parts[2])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String tampered = moved + after.substring(after.indexOf('.'));
    for (String bad : List.of(tampered, payload, after + "A", after.replace(".", ".x"))) {
      Json problem =
          problemOf(400, () -> as(staff).get("/api/v1/cases?status=MISSING&after=" + bad));
      assertEquals(List.of("after"), errorFields(problem), bad);
    }
    assertEquals(200, as(staff).exchange(io.micronaut.http.HttpRequest.GET(link)).code());
  }

  private String next() {
    return nextPage(
        as(staff)
            .exchange(io.micronaut.http.HttpRequest.GET("/api/v1/cases?status=MISSING&limit=2")));
  }
}
