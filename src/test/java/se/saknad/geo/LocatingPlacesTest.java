package se.saknad.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class LocatingPlacesTest extends ApiTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Tyresö centrum, 59.2435, 18.2290, 0138, 01, STOCKHOLM",
    "Malmö, 55.6050, 13.0038, 1280, 12, SYD",
    "Kiruna, 67.8558, 20.2253, 2584, 25, NORD",
    "Visby, 57.6348, 18.2948, 0980, 09, STOCKHOLM",
  })
  void aPointIsPlacedInItsMunicipalityCountyAndPoliceRegion(
      String place, double lat, double lon, String municipality, String county, String region) {
    Map<String, Object> located =
        get(adminToken(), "/api/v1/geo/locate?lat=" + lat + "&lon=" + lon);
    assertEquals(municipality, code(located, "municipality"), place);
    assertEquals(county, code(located, "county"), place);
    assertEquals(region, code(located, "policeRegion"), place);
  }

  @Test
  void aPointInTheSeaJustOffTheCoastBelongsToTheNearestMunicipality() {
    // In Öresund about 1 km west of Malmö's shore, outside every simplified polygon.
    Map<String, Object> located = get(adminToken(), "/api/v1/geo/locate?lat=55.6100&lon=12.9600");
    assertEquals("1280", code(located, "municipality"));
  }

  @Test
  void parisIsNotInSweden() {
    Map<String, Object> problem =
        problem(422, () -> get(adminToken(), "/api/v1/geo/locate?lat=48.8566&lon=2.3522"));
    assertEquals("urn:saknad:problem:invalid-field", problem.get("type"));
  }

  @Test
  void aMissingCoordinateIsABadRequestNamingTheField() {
    Map<String, Object> problem =
        problem(400, () -> get(adminToken(), "/api/v1/geo/locate?lat=59.2"));
    assertEquals(List.of("lon"), errorFields(problem));
  }

  @Test
  void aCoordinateThatIsNotANumberIsABadRequest() {
    problem(400, () -> get(adminToken(), "/api/v1/geo/locate?lat=north&lon=18"));
  }

  @Test
  void all290MunicipalitiesAreListedWithTheirCounty() {
    List<Map<String, Object>> all = getList(adminToken(), "/api/v1/geo/municipalities");
    assertEquals(290, all.size());
    assertTrue(
        all.stream()
            .anyMatch(m -> "0138".equals(m.get("code")) && "01".equals(m.get("countyCode"))));
  }

  @Test
  void geographyNeedsASignedInCaller() {
    problem(401, () -> http().retrieve("/api/v1/geo/municipalities"));
  }

  @SuppressWarnings("unchecked")
  private static String code(Map<String, Object> located, String layer) {
    return (String) ((Map<String, Object>) located.get(layer)).get("code");
  }
}
