package se.saknad.recipients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.saknad.geo.GeoPoint;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class ScopingPlanTest extends ApiTest {
  @Inject Recipients recipients;

  @Test
  void theScopingQueryUsesTheGistIndex() {
    // Enough rows for the planner to prefer the index; soft-deleted so no other test sees them.
    sql(
        """
        INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,
          acknowledgement_required, escalate_after_minutes, created_at, updated_at, deleted_at)
        SELECT gen_random_uuid(), 'plan ' || i, 'OTHER', '{}'::jsonb, g, g::geography, false, 10,
               now(), now(), now()
        FROM generate_series(1, 3000) AS i,
             LATERAL (SELECT ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(11 + random() * 12 + i * 0,
                      55.5 + random() * 12), 4326)::geography, 2000 + random() * 8000, 8)::geometry) AS g) x
        """);
    sql(
        "INSERT INTO recipient_coverage_piece (recipient_id, piece, piece_geog) "
            + Recipients.PIECES
            + " WHERE r.name LIKE 'plan %'");
    sql("ANALYZE recipient");
    sql("ANALYZE recipient_coverage_piece");
    List<String> plan = recipients.explainScope(new GeoPoint(59.2435, 18.2290), 30000, "0138");
    String text = String.join("\n", plan);
    assertTrue(text.contains("recipient_coverage_piece_gist"), text);
    assertTrue(text.contains("recipient_coverage_gist"), text);
  }
}
