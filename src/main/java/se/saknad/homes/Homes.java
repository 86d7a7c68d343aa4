package se.saknad.homes;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.geo.GeoPoint;
import se.saknad.geo.Place;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.HomeApi.NewHome;

/** The HVB homes where children are placed; each lies in the municipality of its location. */
@Singleton
@Transactional
public class Homes {
  private static final String SELECT =
      "SELECT h.id, h.name, h.address, ST_Y(h.location::geometry) AS location_lat,"
          + " ST_X(h.location::geometry) AS location_lon, h.municipality_code, m.name AS m_name,"
          + " h.created_at, h.phone, h.closed_on FROM home h JOIN municipality m ON m.code = h.municipality_code";

  private final Db db;
  private final ReferenceGeography geography;
  private final Clock clock;

  Homes(Db db, ReferenceGeography geography, Clock clock) {
    this.db = db;
    this.geography = geography;
    this.clock = clock;
  }

  public HomeView create(NewHome request) {
    String phone = null;
    if (request.phone() != null && !request.phone().isBlank()) {
      phone = PhoneNumbers.normalize(request.phone());
      PhoneNumbers.requireE164(phone, "phone");
    }
    Place place = geography.requireInSweden(request.location(), "location");
    UUID id = UUID.randomUUID();
    db.update(
        "INSERT INTO home (id, name, address, location, municipality_code, created_at, phone)"
            + " VALUES (?, ?, ?, ST_GeogFromText(?), ?, ?, ?)",
        id,
        request.name().strip(),
        request.address().strip(),
        request.location(),
        place.municipality().code(),
        clock.instant(),
        phone);
    return find(id).orElseThrow();
  }

  public Optional<HomeView> find(UUID id) {
    return db.one(SELECT + " WHERE h.id = ?", Homes::view, id);
  }

  /** {@link #find} of many homes in one query, by id. */
  public java.util.Map<UUID, HomeView> find(java.util.Collection<UUID> ids) {
    java.util.Map<UUID, HomeView> homes = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      db.list(SELECT + " WHERE h.id = ANY (?::uuid[])", Homes::view, ids)
          .forEach(h -> homes.put(h.id(), h));
    }
    return homes;
  }

  public HomeView require(UUID id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("home"));
  }

  /** A home closes: it keeps its history but is no longer offered when placing anyone. */
  public void close(UUID id, java.time.LocalDate on) {
    db.update("UPDATE home SET closed_on = ? WHERE id = ?", on, id);
  }

  public List<HomeView> list() {
    return db.list(SELECT + " ORDER BY h.name", Homes::view);
  }

  private static HomeView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HomeView(
        Db.uuid(rs, "id"),
        rs.getString("name"),
        rs.getString("address"),
        GeoPoint.read(rs, "location"),
        rs.getString("municipality_code"),
        rs.getString("m_name"),
        Db.instant(rs, "created_at"),
        rs.getString("phone"),
        rs.getObject("closed_on", java.time.LocalDate.class));
  }
}
