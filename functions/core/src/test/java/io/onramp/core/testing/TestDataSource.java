package io.onramp.core.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated database for plain (non-Quarkus) tests of the stores, emptied on request. */
public final class TestDataSource {

    private static PGSimpleDataSource dataSource;

    private TestDataSource() {
    }

    public static synchronized DataSource migrated() {
        if (dataSource == null) {
            dataSource = new PGSimpleDataSource();
            dataSource.setUrl(TestDatabase.get().jdbcUrl());
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        }
        return dataSource;
    }

    public static void truncateWorkspaces() {
        try (Connection c = migrated().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, workspaces, idempotency_keys, workspace_events, coder_messages, lab_attempts, lab_progress, lab_starts, exam_tasks, exams, cohort_members, reconcile_reports, workspace_activity, workspace_tokens CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
