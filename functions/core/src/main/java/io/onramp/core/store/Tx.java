package io.onramp.core.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.onramp.core.error.OnrampException;

/** Runs work in one database transaction: commit on success, roll back on any failure. */
public final class Tx {

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private Tx() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        } catch (OnrampException e) {
            throw e;
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }
}
