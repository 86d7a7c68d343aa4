package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/** Delivery phone numbers (the guardian's, duty phones) are for coordinators and admins only. */
@MicronautTest(transactional = false)
class DeliveryPhonesTest extends ApiTest {
  private static final String GUARDIAN_PHONE = "+46701234567";
  private static final String DUTY_PHONE = "+46701555123";

  private String staff;
  private String police;
  private String social;
  private String coordinator;
  private UUID caseId;

  @BeforeAll
  void aReportedCase() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    police = aUser().police("STOCKHOLM").create();
    social = aUser().socialServices("0138").create();
    coordinator = aUser().coordinator().create();
    aRecipient()
        .named("Tyresö jourhem")
        .shelter()
        .covering("0138")
        .phone(DUTY_PHONE)
        .by(coordinator)
        .create();
    UUID child = aChild().inHome(home).named("Telefon", "Maskerad").create();
    caseId = aReport().of(child).by(staff).minutesAgo(20).risk("HIGH").create().id();
  }

  private static List<Json> deliveries(Json kase) {
    return kase.list("alerts[*].deliveries[*]");
  }

  @Test
  void staffPoliceAndSocialServicesSeeWhoWasAlertedButNoPhoneNumbers() {
    for (String token : List.of(staff, police, social)) {
      Json kase = as(token).get("/api/v1/cases/" + caseId);
      List<Json> deliveries = deliveries(kase);
      assertTrue(deliveries.size() >= 2, kase.toString());
      for (Json delivery : deliveries) {
        assertNull(delivery.string("phone"), delivery.toString());
        assertTrue(delivery.string("recipientName") != null, delivery.toString());
        assertTrue(delivery.string("recipientKind") != null, delivery.toString());
        assertTrue(delivery.string("status") != null, delivery.toString());
      }
      assertFalse(kase.toString().contains(GUARDIAN_PHONE), kase.toString());
      assertFalse(kase.toString().contains(DUTY_PHONE), kase.toString());
      String list = as(token).get("/api/v1/cases").toString();
      assertFalse(list.contains(GUARDIAN_PHONE) || list.contains(DUTY_PHONE), list);
    }
  }

  @Test
  void coordinatorsAndAdminsSeeThePhoneNumbers() {
    for (String token : List.of(coordinator, adminToken())) {
      List<Json> deliveries = deliveries(as(token).get("/api/v1/cases/" + caseId));
      List<String> phones = deliveries.stream().map(d -> d.string("phone")).toList();
      assertTrue(phones.containsAll(List.of(GUARDIAN_PHONE, DUTY_PHONE)), phones.toString());
      assertEquals(
          deliveries.size(),
          deliveries.stream().filter(d -> d.string("recipientName") != null).count());
    }
  }
}
