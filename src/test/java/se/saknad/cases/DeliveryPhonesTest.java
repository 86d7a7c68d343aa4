package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/** Delivery phone numbers (the guardian's, duty phones) are for coordinators and admins only. */
@MicronautTest(transactional = false)
class DeliveryPhonesTest extends ApiTest {
  private static final String GUARDIAN_PHONE = "+46701234567";
  private static final String DUTY_PHONE = "+46701555123";

  private String staff;
  private String police;
  private String social;
  private String coordinator;
  private String caseId;

  @BeforeAll
  void aReportedCase() {
    UUID home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    social = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    coordinator = userToken("COORDINATOR", Map.of());
    post(
        coordinator,
        "/api/v1/recipients",
        Map.of(
            "name",
            "Tyresö jourhem",
            "kind",
            "SHELTER",
            "coverage",
            Map.of("municipalityCodes", List.of("0138")),
            "contacts",
            List.of(Map.of("name", "Jour", "phone", DUTY_PHONE))));
    UUID child = newChild(staff, profile(home, "Telefon", "Maskerad"));
    caseId =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    Map.of(
                        "lastSeenAt",
                        OffsetDateTime.now().minusMinutes(20).toString(),
                        "lastSeenLocation",
                        TYRESO_CENTRUM,
                        "riskLevel",
                        "HIGH"))
                .get("id");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> deliveries(Map<String, Object> kase) {
    return ((List<Map<String, Object>>) kase.get("alerts"))
        .stream().flatMap(a -> ((List<Map<String, Object>>) a.get("deliveries")).stream()).toList();
  }

  @Test
  void staffPoliceAndSocialServicesSeeWhoWasAlertedButNoPhoneNumbers() {
    for (String token : List.of(staff, police, social)) {
      Map<String, Object> kase = get(token, "/api/v1/cases/" + caseId);
      List<Map<String, Object>> deliveries = deliveries(kase);
      assertTrue(deliveries.size() >= 2, kase.toString());
      for (Map<String, Object> delivery : deliveries) {
        assertNull(delivery.get("phone"), delivery.toString());
        assertTrue(delivery.get("recipientName") != null, delivery.toString());
        assertTrue(delivery.get("recipientKind") != null, delivery.toString());
        assertTrue(delivery.get("status") != null, delivery.toString());
      }
      assertFalse(kase.toString().contains(GUARDIAN_PHONE), kase.toString());
      assertFalse(kase.toString().contains(DUTY_PHONE), kase.toString());
      String list = getList(token, "/api/v1/cases").toString();
      assertFalse(list.contains(GUARDIAN_PHONE) || list.contains(DUTY_PHONE), list);
    }
  }

  @Test
  void coordinatorsAndAdminsSeeThePhoneNumbers() {
    for (String token : List.of(coordinator, adminToken())) {
      List<Map<String, Object>> deliveries = deliveries(get(token, "/api/v1/cases/" + caseId));
      List<Object> phones = deliveries.stream().map(d -> d.get("phone")).toList();
      assertTrue(phones.containsAll(List.of(GUARDIAN_PHONE, DUTY_PHONE)), phones.toString());
      assertEquals(
          deliveries.size(),
          deliveries.stream().filter(d -> d.get("recipientName") != null).count());
    }
  }
}
