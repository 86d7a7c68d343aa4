package se.saknad.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

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
    Json located = as(adminToken()).get("/api/v1/geo/locate?lat=" + lat + "&lon=" + lon);
    assertEquals(municipality, located.string("municipality.code"), place);
    assertEquals(county, located.string("county.code"), place);
    assertEquals(region, located.string("policeRegion.code"), place);
  }

  @Test
  void aPointInTheSeaJustOffTheCoastBelongsToTheNearestMunicipality() {
    // In Öresund about 1 km west of Malmö's shore, outside every simplified polygon.
    Json located = as(adminToken()).get("/api/v1/geo/locate?lat=55.6100&lon=12.9600");
    assertEquals("1280", located.string("municipality.code"));
  }

  @Test
  void parisIsNotInSweden() {
    Json problem =
        problemOf(422, () -> as(adminToken()).get("/api/v1/geo/locate?lat=48.8566&lon=2.3522"));
    assertEquals("urn:saknad:problem:invalid-field", problem.string("type"));
  }

  @Test
  void aMissingCoordinateIsABadRequestNamingTheField() {
    Json problem = problemOf(400, () -> as(adminToken()).get("/api/v1/geo/locate?lat=59.2"));
    assertEquals(List.of("lon"), errorFields(problem));
  }

  @Test
  void aCoordinateThatIsNotANumberIsABadRequest() {
    problemOf(400, () -> as(adminToken()).get("/api/v1/geo/locate?lat=north&lon=18"));
  }

  @Test
  void all290MunicipalitiesAreListedWithTheirCounty() {
    Json all = as(adminToken()).get("/api/v1/geo/municipalities");
    assertEquals(290, all.size());
    assertEquals(List.of("01"), all.strings("[?(@.code == '0138')].countyCode"));
  }

  @Test
  void geographyNeedsASignedInCaller() {
    problemOf(401, () -> as(null).get("/api/v1/geo/municipalities"));
  }
}
