package se.saknad.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means that no primary database could be reached: the connection broke or could
 * not be made (SQLState class 08, also at COMMIT, where the outcome is unknown), the server is
 * shutting down or starting (57P01-57P03), the node reached is a read-only standby (25006), or the
 * pool found no connection in time. Such a request is answered 503 with Retry-After, never 500.
 */
public final class DatabaseUnavailable {
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006");

  private DatabaseUnavailable() {}

  public static boolean is(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
