package se.saknad.children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/** A merge moves the merged record's cases along; two records both missing are not merged. */
@MicronautTest(transactional = false)
class MergingChildrenTest extends ApiTest {
  private UUID home;
  private String staff;
  private String coordinator;

  @BeforeAll
  void people() {
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
  }

  private String reportMissing(UUID child) {
    return as(staff)
        .post(
            "/api/v1/children/" + child + "/disappearances",
            Map.of(
                "lastSeenAt",
                OffsetDateTime.now(ZoneOffset.UTC)
                    .minusHours(2)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString(),
                "lastSeenLocation",
                TYRESO_CENTRUM,
                "riskLevel",
                "STANDARD"))
        .string("id");
  }

  @Test
  void theCasesOfTheMergedRecordMoveToTheRecordKept() {
    UUID keep = newChild(staff, profile(home, "Yonas", "Behålls"));
    UUID other = newChild(staff, profile(home, "Jonas", "Slås"));
    String kase = reportMissing(other);

    as(coordinator).post("/api/v1/children/" + keep + "/merge", Map.of("otherId", other));

    assertEquals(keep, as(coordinator).get("/api/v1/cases/" + kase).uuid("child.id"));
  }

  @Test
  void twoRecordsBothMissingAreNotMergedAndNothingChanges() {
    UUID keep = newChild(staff, profile(home, "Samir", "Borta"));
    UUID other = newChild(staff, profile(home, "Sameer", "Borta"));
    reportMissing(keep);
    String otherCase = reportMissing(other);

    Json problem =
        problemOf(
            409,
            () ->
                as(coordinator)
                    .post("/api/v1/children/" + keep + "/merge", Map.of("otherId", other)));

    assertEquals("urn:saknad:problem:both-children-missing", problem.string("type"));
    assertEquals(
        List.of(other),
        column("SELECT child_id FROM disappearance_case WHERE id = ?::uuid", otherCase));
    assertEquals(
        java.util.Arrays.asList((Object) null),
        column("SELECT merged_into FROM child WHERE id = ?", other));
  }
}
