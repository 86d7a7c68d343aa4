package se.saknad.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.saknad.support.Json;
import se.saknad.support.ProcessClient;
import se.saknad.support.ServiceProcess;
import se.saknad.support.TestDatabase;

/**
 * The embedded default as a new user first meets it: its own empty database filled with the demo at
 * start-up. Each child has a photo for the search sheet, no reminder of an interview 162 days late
 * greets the coordinator, and no home shares a phone with anyone alerted.
 */
class WhatTheDemoShowsANewUserTest {
  @Test
  void aFirstStartShowsPhotosNoOverdueInterviewsAndNoSharedPhones() throws Exception {
    String url = freshDatabase();
    Map<String, String> embedded = new HashMap<>();
    embedded.put("micronaut.environments", "embedded");
    embedded.put("datasources.default.url", url);
    embedded.put("saknad.demo-data", "true");
    embedded.put("saknad.data-dir", "target/demo-first-start-data");
    try (ServiceProcess service = new ServiceProcess("demo-first-start", embedded)) {
      service.start();
      ProcessClient api = new ProcessClient(service.url());
      String coordinator = api.login("samordnare", DemoData.PASSWORD);

      Json overdue = api.call(coordinator, "GET", "/api/v1/debriefs/overdue", null);
      assertEquals(List.of(), overdue.list(), "no interview is overdue on the first start");

      // The year of history's children, all back long ago, are there for the statistics.
      List<String[]> children =
          rows(
              url,
              "SELECT c.id::text, c.given_name FROM child c WHERE NOT EXISTS (SELECT 1 FROM"
                  + " disappearance_case d WHERE d.child_id = c.id AND d.status = 'CLOSED')");
      assertFalse(children.isEmpty());
      for (String[] child : children) {
        var photo = api.send(coordinator, "GET", "/api/v1/children/" + child[0] + "/photo", null);
        assertEquals(200, photo.statusCode(), "a photo of " + child[1]);
        assertTrue(
            photo.headers().firstValue("Content-Type").orElse("").startsWith("image/"), child[1]);
      }

      List<String[]> shared =
          rows(
              url,
              "SELECT h.name, h.phone FROM home h WHERE h.phone IN"
                  + " (SELECT phone FROM recipient_contact"
                  + " UNION SELECT guardian_phone FROM child WHERE guardian_phone IS NOT NULL)");
      assertEquals(
          List.of(),
          shared.stream().map(r -> r[0] + " " + r[1]).toList(),
          "a home's phone is the home's own");
    }
  }

  /** The empty database bin/test makes beside the tests' own, as bin/run's first start has. */
  private static String freshDatabase() {
    String url = System.getenv("SAKNAD_FIRST_START_DB_URL");
    assertTrue(
        url != null && !url.isBlank(),
        "the first start needs an empty database; bin/test makes one (SAKNAD_FIRST_START_DB_URL)");
    return url;
  }

  private static List<String[]> rows(String url, String query) throws SQLException {
    Map<String, String> p = TestDatabase.properties();
    List<String[]> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                url, p.get("datasources.default.username"), p.get("datasources.default.password"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        rows.add(new String[] {r.getString(1), r.getString(2)});
      }
    }
    return rows;
  }
}
