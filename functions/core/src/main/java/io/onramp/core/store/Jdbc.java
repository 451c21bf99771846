package io.onramp.core.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.jboss.logging.Logger;

import io.onramp.core.error.OnrampException;

/** Small JDBC helpers shared by the stores. */
public final class Jdbc {

    private static final Logger LOG = Logger.getLogger(Jdbc.class);

    private Jdbc() {
    }

    public static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    /** A database failure the caller cannot fix: logged here, reported as UNAVAILABLE without internals. */
    public static OnrampException unavailable(SQLException e) {
        LOG.errorf("Database call failed: SQLState %s: %s", e.getSQLState(), e.getMessage());
        return OnrampException.unavailable("The database is not available right now; try again shortly.");
    }
}
