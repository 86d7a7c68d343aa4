package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.saknad.support.TestDatabase.count;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * The children list comes a page at a time, by name. With 60,000 children registered an
 * administrator's list took 40 s, answered 23 MB and wrote 60,000 audit rows one by one.
 */
@MicronautTest(transactional = false)
class ListingChildrenInPagesTest extends ApiTest {
  private UUID home;
  private String staff;

  @BeforeAll
  void fiveChildrenInOneHome() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    // Two share a whole name: the order (and the page boundary) must still be total.
    for (String[] name :
        List.of(
            new String[] {"Omar", "Ali"},
            new String[] {"Amir", "Karimi"},
            new String[] {"Bashir", "Noori"},
            new String[] {"Amir", "Karimi"},
            new String[] {"Zahra", "Ahmadi"})) {
      aChild().inHome(home).named(name[0], name[1]).create();
    }
  }

  @Test
  void aHomesChildrenComeByNameInPagesWithoutGapsOrRepeats() {
    List<List<Json>> pages = pages(staff, "/api/v1/children?limit=2");
    assertEquals(List.of(2, 2, 1), pages.stream().map(List::size).toList());
    List<Json> all = pages.stream().flatMap(List::stream).toList();
    assertEquals(
        List.of("Amir", "Amir", "Bashir", "Omar", "Zahra"),
        all.stream().map(c -> c.string("givenName")).toList());
    assertEquals(5, all.stream().map(Json::id).distinct().count());
  }

  @Test
  void eachListedChildIsAuditedOnce() {
    String coordinator = aUser().coordinator().create();
    List<UUID> listed =
        pages(coordinator, "/api/v1/children?homeId=" + home + "&limit=3").stream()
            .flatMap(List::stream)
            .map(Json::id)
            .toList();
    assertEquals(5, listed.size());
    for (UUID child : listed) {
      assertEquals(
          1,
          count(
              "SELECT count(*) FROM audit_event WHERE action = 'CHILD_LISTED' AND child_id = ?"
                  + " AND actor_role = 'COORDINATOR' AND case_id IS NULL",
              child));
    }
  }

  @Test
  void aPageTokenCarriesNothingOutsideTheCallersScope() {
    String next = nextPage(as(staff).exchange(HttpRequest.GET("/api/v1/children?limit=1")));
    String otherHomesStaff = staffOf(aHome().at(TYRESO_CENTRUM).create());
    assertEquals(0, as(otherHomesStaff).get(next).size());
  }

  /**
   * The token of the next page travels in an address (proxy logs, browser history): decoded, it
   * holds no name of any child, and one changed by hand is refused.
   */
  @Test
  void aPageTokenHoldsNoNameAndATamperedOneIsRefused() {
    List<String> names = List.of("Omar", "Ali", "Amir", "Karimi", "Bashir", "Noori", "Zahra");
    String next = nextPage(as(staff).exchange(HttpRequest.GET("/api/v1/children?limit=1")));
    for (int limit = 1; limit <= 4; limit++) {
      String link =
          nextPage(as(staff).exchange(HttpRequest.GET("/api/v1/children?limit=" + limit)));
      String after = link.substring(link.indexOf("after=") + "after=".length());
      String decoded = decodedPieces(after);
      for (String name : names) {
        assertFalse(
            decoded.toLowerCase().contains(name.toLowerCase()),
            name + " in " + decoded + " " + link);
      }
    }
    String after = next.substring(next.indexOf("after=") + "after=".length());
    // a character in the middle: the last one may carry only padding bits that decode the same
    int middle = after.length() / 2;
    char c = after.charAt(middle);
    String tampered =
        after.substring(0, middle) + (c == 'A' ? 'B' : 'A') + after.substring(middle + 1);
    assertEquals(
        List.of("after"),
        errorFields(problemOf(400, () -> as(staff).get("/api/v1/children?after=" + tampered))));
    // A position written by hand in the old form (the names and the id) is not one it gave out.
    String byHand =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("Amir&Karimi&" + UUID.randomUUID())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    problemOf(400, () -> as(staff).get("/api/v1/children?after=" + byHand));
  }

  /** Every dot-separated piece of a token, decoded as URL-safe Base64 where it decodes. */
  static String decodedPieces(String token) {
    StringBuilder all = new StringBuilder();
    for (String piece : token.split("\\.")) {
      try {
        all.append(
                new String(
                    java.util.Base64.getUrlDecoder().decode(piece),
                    java.nio.charset.StandardCharsets.UTF_8))
            .append(' ');
      } catch (IllegalArgumentException notBase64) {
        all.append(piece).append(' ');
      }
    }
    return all.toString();
  }

  @Test
  void aBadLimitOrPositionIsRefused() {
    assertEquals(
        List.of("limit"),
        errorFields(problemOf(400, () -> as(staff).get("/api/v1/children?limit=501"))));
    assertEquals(
        List.of("after"),
        errorFields(problemOf(400, () -> as(staff).get("/api/v1/children?after=AAAA"))));
  }
}
