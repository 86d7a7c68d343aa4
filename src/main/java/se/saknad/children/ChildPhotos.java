package se.saknad.children;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Photos of a child, as the Philomena Protocol asks: a recent one, handed to searchers at once.
 * Each upload is re-encoded ({@link PhotoImages}) and kept as a new version; the newest is shown
 * with the date it was taken. Photos never leave the service in SMS, CAP or research data.
 */
@Singleton
@Transactional
public class ChildPhotos {
  /** A stored version, without its bytes. */
  @Serdeable
  public record PhotoView(
      UUID id,
      UUID childId,
      LocalDate takenOn,
      int width,
      int height,
      Instant uploadedAt,
      int version) {}

  /** The newest photo with its JPEG bytes. */
  public record Photo(PhotoView view, byte[] jpeg) {}

  private final Db db;
  private final Children children;
  private final ChildAccess access;
  private final PhotoImages images;
  private final AuditTrail audit;
  private final Clock clock;

  ChildPhotos(
      Db db,
      Children children,
      ChildAccess access,
      PhotoImages images,
      AuditTrail audit,
      Clock clock) {
    this.db = db;
    this.children = children;
    this.access = access;
    this.images = images;
    this.audit = audit;
    this.clock = clock;
  }

  /** Staff of the child's home and coordinators (whoever may edit the profile) upload. */
  public PhotoView upload(
      Caller caller,
      UUID childId,
      byte[] upload,
      String declaredType,
      LocalDate takenOn,
      String endpoint) {
    Children.ChildFacts child =
        children
            .facts(childId)
            .filter(c -> mayEdit(caller, c))
            .orElseThrow(() -> ProblemException.notFound("child"));
    if (takenOn != null && takenOn.isAfter(se.saknad.common.Sweden.today(clock))) {
      throw ProblemException.invalid("takenOn", "lies in the future");
    }
    PhotoImages.Encoded encoded = images.reencode(upload, declaredType);
    UUID id = UUID.randomUUID();
    db.update(
        "INSERT INTO child_photo (id, child_id, taken_on, width, height, image, uploaded_by,"
            + " uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        child.id(),
        takenOn,
        encoded.width(),
        encoded.height(),
        encoded.jpeg(),
        caller.userId(),
        clock.instant());
    audit.record(caller, "PHOTO_UPLOADED", child.id(), null, endpoint);
    return info(child.id()).orElseThrow();
  }

  /** The newest photo of a child the caller may read (the profile page). */
  public Photo newestForReader(Caller caller, UUID childId, String endpoint) {
    if (!access.mayRead(caller, childId)) {
      throw ProblemException.notFound("child");
    }
    Photo photo = newest(childId).orElseThrow(() -> ProblemException.notFound("photo"));
    audit.record(caller, "PHOTO_READ", childId, null, endpoint);
    return photo;
  }

  /** For the case's search sheet, after the case's own access check; no audit row here. */
  public Optional<Photo> newest(UUID childId) {
    return db.one(
        SELECT + " WHERE child_id = ? ORDER BY uploaded_at DESC, id LIMIT 1",
        rs -> new Photo(view(rs), rs.getBytes("image")),
        childId);
  }

  /** The newest version's facts (no bytes): whether a photo exists and when it was taken. */
  public Optional<PhotoView> info(UUID childId) {
    return db.one(
        SELECT.replace(", image", "") + " WHERE child_id = ? ORDER BY uploaded_at DESC, id LIMIT 1",
        ChildPhotos::view,
        childId);
  }

  /** {@link #info} of many children in one query: the newest photo of each that has one. */
  public java.util.Map<UUID, PhotoView> info(java.util.Collection<UUID> childIds) {
    java.util.Map<UUID, PhotoView> newest = new java.util.HashMap<>();
    if (!childIds.isEmpty()) {
      db.list(
              SELECT.replace(", image", "")
                  + " WHERE child_id = ANY (?::uuid[]) ORDER BY uploaded_at DESC, id",
              ChildPhotos::view,
              childIds)
          .forEach(p -> newest.putIfAbsent(p.childId(), p));
    }
    return newest;
  }

  /** The HTTP answer for a photo: JPEG, never stored by a browser or a proxy. */
  public static io.micronaut.http.HttpResponse<byte[]> answer(Photo photo) {
    return io.micronaut.http.HttpResponse.ok(photo.jpeg())
        .contentType(io.micronaut.http.MediaType.IMAGE_JPEG_TYPE)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Disposition", "inline");
  }

  /** Retention: every photo of the child goes with the rest of its personal data. */
  public int eraseAll(UUID childId) {
    return db.update("DELETE FROM child_photo WHERE child_id = ?", childId);
  }

  private static final String SELECT =
      "SELECT id, child_id, taken_on, width, height, uploaded_at, image,"
          + " count(*) OVER (PARTITION BY child_id) AS versions FROM child_photo";

  private static PhotoView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PhotoView(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "child_id"),
        rs.getObject("taken_on", LocalDate.class),
        rs.getInt("width"),
        rs.getInt("height"),
        Db.instant(rs, "uploaded_at"),
        rs.getInt("versions"));
  }

  private static boolean mayEdit(Caller caller, Children.ChildFacts child) {
    return caller.is(Role.COORDINATOR)
        || caller.is(Role.HVB_STAFF) && child.homeId().equals(caller.homeId());
  }
}
