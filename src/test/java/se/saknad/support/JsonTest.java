package se.saknad.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private final Json answer =
      Json.parse(
          """
          {"id": "7c3a4e9a-0000-4000-8000-000000000000", "code": "0042", "risk": null,
           "area": {"radiusMeters": 30000, "share": 0.5},
           "alerts": [{"kind": "POLICE", "name": "Polisen"}, {"kind": "SHELTER", "name": "Jouren"}]}
          """);

  @Test
  void valuesAreReadAsTheTypeAsked() {
    assertEquals("0042", answer.string("code"));
    assertEquals(30000, answer.integer("area.radiusMeters"));
    assertEquals(0.5, answer.decimal("area.share"));
    assertEquals("7c3a4e9a-0000-4000-8000-000000000000", answer.id().toString());
  }

  @Test
  void aMissingLeafIsNullButAMissingObjectOnTheWayFails() {
    assertNull(answer.string("photo"));
    assertThrows(RuntimeException.class, () -> answer.string("photo.url"));
  }

  @Test
  void presenceTellsANullValueFromAnAbsentOne() {
    assertTrue(answer.has("risk"));
    assertFalse(answer.has("photo"));
  }

  @Test
  void arraysAreReadByWildcardAndFilter() {
    assertEquals(List.of("Polisen", "Jouren"), answer.strings("alerts[*].name"));
    assertEquals(List.of("Jouren"), answer.strings("alerts[?(@.kind == 'SHELTER')].name"));
    assertEquals(2, answer.size("alerts"));
    assertEquals("POLICE", answer.list("alerts").get(0).string("kind"));
    assertEquals(Map.of("kind", "SHELTER", "name", "Jouren"), answer.at("alerts[1]").object());
  }
}
