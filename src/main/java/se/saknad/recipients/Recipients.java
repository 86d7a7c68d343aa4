package se.saknad.recipients;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.geo.GeoPoint;
import se.saknad.geo.ReferenceGeography;
import se.saknad.recipients.RecipientApi.Contact;
import se.saknad.recipients.RecipientApi.ContactView;
import se.saknad.recipients.RecipientApi.Coverage;
import se.saknad.recipients.RecipientApi.Kind;
import se.saknad.recipients.RecipientApi.RecipientRequest;
import se.saknad.recipients.RecipientApi.RecipientView;
import se.saknad.recipients.RecipientApi.SqlQuery;
import se.saknad.recipients.RecipientApi.Target;
import se.saknad.security.Role;

/**
 * The organisations and people Saknad alerts. Each coverage, however it was named, is stored as one
 * MultiPolygon (with a geography twin for distances in metres), both GiST-indexed.
 */
@Singleton
@Transactional
public class Recipients {
  static final long MAX_RADIUS_METERS = 500_000;
  static final int DEFAULT_ESCALATE_MINUTES = 10;
  static final int DEFAULT_POLICE_VOICE_MINUTES = 15;

  /**
   * Recipients in scope of a search area: their coverage reaches within {@code radius} of the
   * centre, plus the social services covering the child's responsible municipality wherever the
   * child is. Distance is decided on the coverage pieces (see the migration of
   * recipient_coverage_piece): SWEREF 99 TM distorts distances by less than 0.5% within 100 km of
   * Sweden (scale factor 0.9996 on the central meridian, about 1.003 at the far east), so a piece
   * nearer than 99.5% of the radius in the projection is in, one further than 100.5% is out, and
   * only the pieces in between are measured on the spheroid, as the whole coverage was before. The
   * centre is computed once in a materialized CTE: in the driver's generic plan (from the fifth run
   * on) an inline expression was evaluated again for every candidate piece.
   */
  static final String SCOPE =
      """
      WITH c AS MATERIALIZED (
        SELECT g AS geog, ST_Transform(g::geometry, 3006) AS point, ?::float8 AS radius
        FROM ST_GeogFromText(?) AS g)
      SELECT r.id, r.name, r.kind, r.acknowledgement_required
      FROM recipient r
      WHERE r.deleted_at IS NULL AND r.kind <> 'TRAFFICKING_COORDINATOR'
        AND r.id IN (
          SELECT p.recipient_id
          FROM c, recipient_coverage_piece p
          WHERE ST_DWithin(p.piece, c.point, c.radius * 1.005)
            AND (ST_DWithin(p.piece, c.point, c.radius * 0.995)
                 OR ST_DWithin(p.piece_geog, c.geog, c.radius))
          UNION
          SELECT s.id FROM recipient s
          WHERE s.kind = 'SOCIAL_SERVICES'
            AND ST_Intersects(s.coverage,
                  (SELECT ST_PointOnSurface(m.geom) FROM municipality m WHERE m.code = ?::bpchar)))
      ORDER BY r.kind, r.name
      """;

  /**
   * A recipient's coverage as pieces of at most 128 vertices in SWEREF 99 TM, edges first densified
   * along the spheroid so that the projected pieces follow the geography's edges.
   */
  static final String PIECES =
      """
      SELECT r.id, d.geom, ST_Transform(d.geom, 4326)::geography
      FROM recipient r,
           ST_Subdivide(ST_Transform(ST_Segmentize(r.coverage_geog, 1000)::geometry, 3006), 128)
             AS s (geom),
           ST_Dump(s.geom) AS d
      """;

  private final Db db;
  private final ReferenceGeography geography;
  private final ObjectMapper json;
  private final Clock clock;

  Recipients(Db db, ReferenceGeography geography, ObjectMapper json, Clock clock) {
    this.db = db;
    this.geography = geography;
    this.json = json;
    this.clock = clock;
  }

  public RecipientView create(RecipientRequest request) {
    validateContacts(request.contacts());
    voiceAfter(request);
    requireRegionForTraffickingCoordinator(request);
    String geometry = coverageGeometry(request.coverage());
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    db.update(
        "INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,"
            + " acknowledgement_required, escalate_after_minutes, voice_after_minutes, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?::jsonb, ST_GeomFromEWKT(?),"
            + " ST_GeomFromEWKT(?)::geography, ?, ?, ?, ?, ?)",
        id,
        request.name().strip(),
        request.kind(),
        toJson(request.coverage()),
        geometry,
        geometry,
        acknowledgementRequired(request),
        escalateAfter(request),
        voiceAfter(request),
        now,
        now);
    writeCoveragePieces(id);
    insertContacts(id, request.contacts());
    return view(id).orElseThrow();
  }

  public RecipientView update(UUID id, RecipientRequest request) {
    require(id);
    validateContacts(request.contacts());
    voiceAfter(request);
    requireRegionForTraffickingCoordinator(request);
    String geometry = coverageGeometry(request.coverage());
    db.update(
        "UPDATE recipient SET name = ?, kind = ?, coverage_spec = ?::jsonb,"
            + " coverage = ST_GeomFromEWKT(?), coverage_geog = ST_GeomFromEWKT(?)::geography,"
            + " acknowledgement_required = ?, escalate_after_minutes = ?, voice_after_minutes = ?,"
            + " updated_at = ? WHERE id = ?",
        request.name().strip(),
        request.kind(),
        toJson(request.coverage()),
        geometry,
        geometry,
        acknowledgementRequired(request),
        escalateAfter(request),
        voiceAfter(request),
        clock.instant(),
        id);
    writeCoveragePieces(id);
    // Contacts that received alerts stay for history; the new list takes their place.
    db.update(
        "UPDATE recipient_contact SET retired = true WHERE recipient_id = ? AND NOT retired", id);
    insertContacts(id, request.contacts());
    return view(id).orElseThrow();
  }

  /** Soft delete: never alerted again, history kept. */
  public void delete(UUID id) {
    require(id);
    db.update("UPDATE recipient SET deleted_at = ? WHERE id = ?", clock.instant(), id);
    db.update("DELETE FROM recipient_coverage_piece WHERE recipient_id = ?", id);
  }

  public RecipientView get(UUID id) {
    return require(id);
  }

  public List<RecipientView> list() {
    Map<UUID, List<ContactView>> contacts = new java.util.HashMap<>();
    db.list(
            "SELECT c.recipient_id, c.id, c.position, c.name, c.phone, c.opted_out"
                + " FROM recipient_contact c JOIN recipient r ON r.id = c.recipient_id"
                + " WHERE r.deleted_at IS NULL AND NOT c.retired ORDER BY c.position",
            rs -> Map.entry(Db.uuid(rs, "recipient_id"), contact(rs)))
        .forEach(
            e -> contacts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return db.list(
        "SELECT * FROM recipient WHERE deleted_at IS NULL ORDER BY kind, name",
        rs -> row(rs, contacts.getOrDefault(Db.uuid(rs, "id"), List.of())));
  }

  /** Names of the recipients that are not deleted, by id, in one query. */
  public Map<UUID, String> names(java.util.Collection<UUID> ids) {
    Map<UUID, String> names = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      db.list(
              "SELECT id, name FROM recipient WHERE id = ANY (?::uuid[]) AND deleted_at IS NULL",
              rs -> Map.entry(Db.uuid(rs, "id"), rs.getString("name")),
              ids)
          .forEach(e -> names.put(e.getKey(), e.getValue()));
    }
    return names;
  }

  public boolean exists(UUID id) {
    return db.exists("SELECT 1 FROM recipient WHERE id = ? AND deleted_at IS NULL", id);
  }

  /** See {@link #SCOPE}. */
  public List<Target> inScope(GeoPoint center, long radiusMeters, String responsibleMunicipality) {
    return db.list(
        SCOPE,
        rs ->
            new Target(
                Db.uuid(rs, "id"),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getBoolean("acknowledgement_required")),
        (double) radiusMeters,
        center,
        responsibleMunicipality);
  }

  /**
   * The scoping query of {@link #inScope} as part of a larger statement (the report writes its
   * alert, audience and deliveries from it in one INSERT ... SELECT): the columns {@code id, kind,
   * acknowledgement_required} and the first reachable contact ({@code contact_id, phone}, null when
   * every contact opted out or left).
   */
  public SqlQuery inScopeWithFirstContact(
      GeoPoint center, long radiusMeters, String responsibleMunicipality) {
    return new SqlQuery(
        "SELECT s.id, s.kind, s.acknowledgement_required, fc.id AS contact_id, fc.phone FROM ("
            + SCOPE
            + ") s LEFT JOIN LATERAL (SELECT id, phone FROM recipient_contact"
            + " WHERE recipient_id = s.id AND NOT retired AND NOT opted_out"
            + " ORDER BY position LIMIT 1) fc ON true",
        java.util.Arrays.asList((double) radiusMeters, center, responsibleMunicipality));
  }

  /** The plan PostgreSQL chooses for the scoping query (to check that it uses the GiST index). */
  public List<String> explainScope(GeoPoint center, long radiusMeters, String municipality) {
    return db.list(
        "EXPLAIN " + SCOPE, rs -> rs.getString(1), (double) radiusMeters, center, municipality);
  }

  /** Active contacts in priority order, opted-out ones included (callers skip them). */
  public List<ContactView> contacts(UUID recipientId) {
    return db.list(
        "SELECT id, position, name, phone, opted_out FROM recipient_contact"
            + " WHERE recipient_id = ? AND NOT retired ORDER BY position",
        Recipients::contact,
        recipientId);
  }

  private static ContactView contact(ResultSet rs) throws SQLException {
    return new ContactView(
        Db.uuid(rs, "id"),
        rs.getInt("position"),
        rs.getString("name"),
        rs.getString("phone"),
        rs.getBoolean("opted_out"));
  }

  /**
   * Recipients of a kind named for a whole police region (coverage given as {@code policeRegion}):
   * the coordinators against trafficking and the police desk of that region.
   */
  public List<Target> coveringPoliceRegion(Kind kind, String policeRegion) {
    return db.list(
        "SELECT r.id, r.name, r.kind, r.acknowledgement_required FROM recipient r"
            + " WHERE r.deleted_at IS NULL AND r.kind = ? AND r.coverage_spec ->> 'policeRegion' = ?"
            + " ORDER BY r.name",
        rs ->
            new Target(
                Db.uuid(rs, "id"),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getBoolean("acknowledgement_required")),
        kind,
        policeRegion);
  }

  /** The police region a coordinator against trafficking covers; empty for any other recipient. */
  public Optional<String> traffickingRegionOf(UUID recipientId) {
    return db.one(
        "SELECT coverage_spec ->> 'policeRegion' FROM recipient WHERE id = ?"
            + " AND kind = 'TRAFFICKING_COORDINATOR' AND deleted_at IS NULL",
        rs -> rs.getString(1),
        recipientId);
  }

  /** The social services whose coverage contains the municipality (its point on surface). */
  public List<Target> socialServicesOf(String municipalityCode) {
    return db.list(
        "SELECT r.id, r.name, r.kind, r.acknowledgement_required FROM recipient r"
            + " WHERE r.deleted_at IS NULL AND r.kind = 'SOCIAL_SERVICES' AND ST_Intersects(r.coverage,"
            + " (SELECT ST_PointOnSurface(m.geom) FROM municipality m WHERE m.code = ?))",
        rs ->
            new Target(
                Db.uuid(rs, "id"),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getBoolean("acknowledgement_required")),
        municipalityCode);
  }

  /** The first contact not opted out of each recipient, in one query. */
  public Map<UUID, ContactView> firstReachableContacts(java.util.Collection<UUID> recipientIds) {
    Map<UUID, ContactView> first = new java.util.HashMap<>();
    if (recipientIds.isEmpty()) {
      return first;
    }
    db.list(
            "SELECT DISTINCT ON (recipient_id) recipient_id, id, position, name, phone, opted_out"
                + " FROM recipient_contact WHERE recipient_id = ANY (?::uuid[]) AND NOT retired"
                + " AND NOT opted_out ORDER BY recipient_id, position",
            rs ->
                Map.entry(
                    Db.uuid(rs, "recipient_id"),
                    new ContactView(
                        Db.uuid(rs, "id"),
                        rs.getInt("position"),
                        rs.getString("name"),
                        rs.getString("phone"),
                        rs.getBoolean("opted_out"))),
            recipientIds)
        .forEach(e -> first.put(e.getKey(), e.getValue()));
    return first;
  }

  /**
   * The contact an escalation turns to after the one at {@code position} (0: the first): the next
   * in priority order that is neither retired nor opted out.
   */
  public Optional<ContactView> nextReachableContact(UUID recipientId, int position) {
    return db.one(
        "SELECT id, position, name, phone, opted_out FROM recipient_contact"
            + " WHERE recipient_id = ? AND position > ? AND NOT retired AND NOT opted_out"
            + " ORDER BY position LIMIT 1",
        Recipients::contact,
        recipientId,
        position);
  }

  public int escalateAfterMinutes(UUID recipientId) {
    return db.one(
            "SELECT escalate_after_minutes FROM recipient WHERE id = ?",
            rs -> rs.getInt(1),
            recipientId)
        .orElse(DEFAULT_ESCALATE_MINUTES);
  }

  /**
   * Why the recipient cannot be the one a user of this role and area acts for, or empty when it
   * fits: police act for a police recipient of their own region, social services for the social
   * services or the coordinator against trafficking covering their municipality, nobody else for
   * any. Checked when a user is bound, and again when the binding is used.
   */
  public Optional<String> misfitFor(
      UUID id, Role role, String municipalityCode, String policeRegion) {
    return switch (role) {
      case POLICE ->
          policeRegion != null && ofPoliceRegion(id, Kind.POLICE, policeRegion)
              ? Optional.empty()
              : Optional.of("police act for a police recipient of their own police region");
      case SOCIAL_SERVICES ->
          municipalityCode != null
                  && coversMunicipality(
                      id,
                      List.of(Kind.SOCIAL_SERVICES, Kind.TRAFFICKING_COORDINATOR),
                      municipalityCode)
              ? Optional.empty()
              : Optional.of(
                  "social services act for the social services or the coordinator against"
                      + " trafficking that covers their municipality");
      case PARTNER ->
          db.exists(
                  "SELECT 1 FROM recipient WHERE id = ? AND kind = 'PARTNER' AND deleted_at IS NULL",
                  id)
              ? Optional.empty()
              : Optional.of("a partner system acts for a recipient of kind PARTNER");
      default ->
          Optional.of("only police, social services and partner systems act for a recipient");
    };
  }

  /**
   * Whether the recipient is of {@code kind} and of the police region: named by it, or with its
   * coverage lying there (the point on its surface, so that a municipality on the border counts for
   * its own region only).
   */
  public boolean ofPoliceRegion(UUID id, Kind kind, String policeRegion) {
    return db.exists(
        "SELECT 1 FROM recipient r WHERE r.id = ? AND r.deleted_at IS NULL AND r.kind = ?"
            + " AND (r.coverage_spec ->> 'policeRegion' = ? OR ST_Intersects((SELECT p.geom FROM"
            + " police_region p WHERE p.code = ?), ST_PointOnSurface(r.coverage)))",
        id,
        kind,
        policeRegion,
        policeRegion);
  }

  /** Whether the recipient is of one of {@code kinds} and covers the municipality's point. */
  public boolean coversMunicipality(
      UUID id, java.util.Collection<Kind> kinds, String municipalityCode) {
    return db.exists(
        "SELECT 1 FROM recipient r WHERE r.id = ? AND r.deleted_at IS NULL"
            + " AND r.kind = ANY (?::text[]) AND ST_Intersects(r.coverage,"
            + " (SELECT ST_PointOnSurface(m.geom) FROM municipality m WHERE m.code = ?))",
        id,
        kinds.stream().map(Kind::name).toList(),
        municipalityCode);
  }

  /** Marks every contact with this phone opted out (STOP) or back in (START). */
  public int setOptedOut(String phone, boolean optedOut) {
    return db.update(
        "UPDATE recipient_contact SET opted_out = ? WHERE phone = ? AND NOT retired",
        optedOut,
        phone);
  }

  private RecipientView require(UUID id) {
    return view(id)
        .filter(v -> v != null)
        .orElseThrow(() -> ProblemException.notFound("recipient"));
  }

  private Optional<RecipientView> view(UUID id) {
    return db.one(
        "SELECT * FROM recipient WHERE id = ? AND deleted_at IS NULL",
        rs -> row(rs, contacts(id)),
        id);
  }

  private RecipientView row(ResultSet rs, List<ContactView> contacts) throws SQLException {
    try {
      return new RecipientView(
          Db.uuid(rs, "id"),
          rs.getString("name"),
          Kind.valueOf(rs.getString("kind")),
          json.readValue(rs.getString("coverage_spec"), Coverage.class),
          contacts,
          rs.getBoolean("acknowledgement_required"),
          rs.getInt("escalate_after_minutes"),
          (Integer) rs.getObject("voice_after_minutes"),
          Db.instant(rs, "created_at"),
          Db.instant(rs, "updated_at"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the recipient's coverage pieces with pieces of its current coverage. */
  private void writeCoveragePieces(UUID id) {
    db.update("DELETE FROM recipient_coverage_piece WHERE recipient_id = ?", id);
    db.update(
        "INSERT INTO recipient_coverage_piece (recipient_id, piece, piece_geog) "
            + PIECES
            + " WHERE r.id = ?",
        id);
  }

  private void insertContacts(UUID recipientId, List<Contact> contacts) {
    int position =
        db.one(
                "SELECT coalesce(max(position), 0) FROM recipient_contact WHERE recipient_id = ?",
                rs -> rs.getInt(1),
                recipientId)
            .orElse(0);
    for (Contact contact : contacts) {
      position++;
      db.update(
          "INSERT INTO recipient_contact (id, recipient_id, position, name, phone)"
              + " VALUES (?, ?, ?, ?, ?)",
          UUID.randomUUID(),
          recipientId,
          position,
          contact.name().strip(),
          contact.phone());
    }
  }

  private static void validateContacts(List<Contact> contacts) {
    for (int i = 0; i < contacts.size(); i++) {
      PhoneNumbers.requireE164(contacts.get(i).phone(), "contacts[" + i + "].phone");
    }
  }

  /** The coverage as EWKT MultiPolygon, or a 422 naming what is wrong with it. */
  private String coverageGeometry(Coverage c) {
    int given =
        (c.municipalityCodes() != null ? 1 : 0)
            + (c.countyCodes() != null ? 1 : 0)
            + (c.policeRegion() != null ? 1 : 0)
            + (c.geojson() != null ? 1 : 0)
            + (c.center() != null || c.radiusMeters() != null ? 1 : 0);
    if (given != 1) {
      throw ProblemException.invalid(
          "coverage",
          "give exactly one of municipalityCodes, countyCodes, policeRegion, geojson, center+radiusMeters");
    }
    if (c.municipalityCodes() != null) {
      return union("municipality", "municipalityCodes", c.municipalityCodes());
    }
    if (c.countyCodes() != null) {
      return union("county", "countyCodes", c.countyCodes());
    }
    if (c.policeRegion() != null) {
      return union("police_region", "policeRegion", List.of(c.policeRegion()));
    }
    if (c.geojson() != null) {
      return geojson(c.geojson());
    }
    if (c.center() == null || c.radiusMeters() == null) {
      throw ProblemException.invalid("coverage", "a circle needs both center and radiusMeters");
    }
    if (c.radiusMeters() <= 0 || c.radiusMeters() > MAX_RADIUS_METERS) {
      throw ProblemException.invalid(
          "coverage.radiusMeters", "must be between 1 and 500000 metres");
    }
    return db.one(
            "SELECT ST_AsEWKT(ST_Multi(ST_Buffer(ST_GeogFromText(?), ?, 32)::geometry))",
            rs -> rs.getString(1),
            c.center(),
            (double) c.radiusMeters())
        .orElseThrow();
  }

  private String union(String table, String field, List<String> codes) {
    Set<String> unknown = geography.unknown(table, codes);
    if (!unknown.isEmpty()) {
      throw ProblemException.invalid(
          "coverage." + field, "contains a code that is not a known " + table.replace('_', ' '));
    }
    return db.one(
            "SELECT ST_AsEWKT(ST_Multi(ST_CollectionExtract(ST_Union(geom), 3))) FROM "
                + table
                + " WHERE code = ANY (?)",
            rs -> rs.getString(1),
            codes)
        .orElseThrow();
  }

  private String geojson(Map<String, Object> geojson) {
    Object type = geojson.get("type");
    if (!"Polygon".equals(type) && !"MultiPolygon".equals(type)) {
      throw ProblemException.invalid(
          "coverage.geojson", "must be a GeoJSON Polygon or MultiPolygon");
    }
    String text = toJson(geojson);
    Optional<String[]> checked =
        db.oneOrEmptyOnError(
            "SELECT ST_IsValid(g) AS valid, ST_AsEWKT(ST_Multi(g)) AS ewkt, ST_Area(g::geography) AS area"
                + " FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g) x",
            rs -> new String[] {rs.getString("valid"), rs.getString("ewkt"), rs.getString("area")},
            text);
    if (checked.isEmpty()) {
      throw ProblemException.invalid("coverage.geojson", "not readable GeoJSON geometry");
    }
    if (!"t".equals(checked.get()[0]) && !"true".equals(checked.get()[0])) {
      throw ProblemException.invalid(
          "coverage.geojson", "the polygon is not valid (self-intersecting or badly closed)");
    }
    if (Double.parseDouble(checked.get()[2]) <= 0) {
      throw ProblemException.invalid("coverage.geojson", "the polygon has no area");
    }
    return checked.get()[1];
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireRegionForTraffickingCoordinator(RecipientRequest r) {
    if (r.kind() == Kind.TRAFFICKING_COORDINATOR && r.coverage().policeRegion() == null) {
      throw ProblemException.invalid(
          "coverage.policeRegion", "a coordinator against trafficking covers a police region");
    }
  }

  private static boolean acknowledgementRequired(RecipientRequest r) {
    return r.acknowledgementRequired() != null
        ? r.acknowledgementRequired()
        : r.kind() == Kind.POLICE || r.kind() == Kind.TRAFFICKING_COORDINATOR;
  }

  private static int escalateAfter(RecipientRequest r) {
    return r.escalateAfterMinutes() != null ? r.escalateAfterMinutes() : DEFAULT_ESCALATE_MINUTES;
  }

  /**
   * Minutes before calls, or null for none: as given (null explicitly none), else 15 for police
   * recipients that must acknowledge. Calls chase an acknowledgement, so a recipient that need not
   * acknowledge cannot have them.
   */
  private static Integer voiceAfter(RecipientRequest r) {
    if (r.voiceAfterMinutes() == null) {
      return r.kind() == Kind.POLICE && acknowledgementRequired(r)
          ? DEFAULT_POLICE_VOICE_MINUTES
          : null;
    }
    Integer minutes = r.voiceAfterMinutes().minutes();
    if (minutes == null) {
      return null;
    }
    if (minutes < 1 || minutes > 1440) {
      throw ProblemException.badRequest("voiceAfterMinutes", "must be between 1 and 1440");
    }
    if (!acknowledgementRequired(r)) {
      throw ProblemException.invalid(
          "voiceAfterMinutes", "calls chase an acknowledgement: the recipient must acknowledge");
    }
    return minutes;
  }
}
