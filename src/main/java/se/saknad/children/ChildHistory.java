package se.saknad.children;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildApi.ChildChange;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.Db;
import se.saknad.security.Caller;
import se.saknad.security.ManagingUsers;

/**
 * The change history of profiles ({@code child_change}): each change keeps the whole profile before
 * and after it as JSON, who made it and when; the fields changed are worked out when it is read.
 */
@Singleton
@Transactional
class ChildHistory {
  private final Db db;
  private final ChildAccess access;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final ManagingUsers users;

  ChildHistory(
      Db db,
      ChildAccess access,
      AuditTrail audit,
      ObjectMapper json,
      Clock clock,
      ManagingUsers users) {
    this.db = db;
    this.access = access;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.users = users;
  }

  /** Keeps one change: {@code before} is null when the child was registered. */
  void record(UUID id, Caller caller, String change, ChildView before, ChildView after) {
    db.update(
        "INSERT INTO child_change (child_id, changed_by, changed_at, change, before, after)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)",
        id,
        caller.userId(),
        clock.instant(),
        change,
        toJson(before),
        toJson(after));
  }

  /** Who changed what in a profile, oldest first; readable by whoever may read the child. */
  List<ChildChange> read(Caller caller, UUID id, String endpoint) {
    access.require(caller, id);
    audit.record(caller, "CHILD_HISTORY_READ", id, null, endpoint);
    List<ChildChange> changes =
        db.list(
            "SELECT h.id, h.changed_at, h.changed_by, h.change, h.before::text AS before,"
                + " h.after::text AS after FROM child_change h"
                + " WHERE h.child_id = ? ORDER BY h.changed_at, h.id",
            rs -> {
              Map<String, Object> before = fromJson(rs.getString("before"));
              Map<String, Object> after = fromJson(rs.getString("after"));
              TreeSet<String> fields = new TreeSet<>();
              if (before != null && after != null) {
                fields.addAll(before.keySet());
                fields.addAll(after.keySet());
                fields.removeIf(f -> Objects.equals(before.get(f), after.get(f)));
              } else if (after != null) {
                fields.addAll(after.keySet());
              }
              return new ChildChange(
                  rs.getLong("id"),
                  Db.instant(rs, "changed_at"),
                  Db.uuid(rs, "changed_by"),
                  null,
                  rs.getString("change"),
                  List.copyOf(fields),
                  before,
                  after);
            },
            id);
    Map<UUID, String> usernames =
        users.usernames(changes.stream().map(ChildChange::changedBy).toList());
    return changes.stream()
        .map(
            c ->
                new ChildChange(
                    c.id(),
                    c.changedAt(),
                    c.changedBy(),
                    usernames.get(c.changedBy()),
                    c.change(),
                    c.changedFields(),
                    c.before(),
                    c.after()))
        .toList();
  }

  private String toJson(ChildView view) {
    if (view == null) {
      return null;
    }
    try {
      return json.writeValueAsString(view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Object> fromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
