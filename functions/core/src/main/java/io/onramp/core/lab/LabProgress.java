package io.onramp.core.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.store.Tx;

/** Lab starts, every check run, and the best result per owner, lab and task, in PostgreSQL. */
@ApplicationScoped
public class LabProgress {

    private final DataSource dataSource;
    private final Clock clock;

    public LabProgress(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void started(UUID workspaceId, String owner, String labId, int labVersion) {
        Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lab_starts (workspace_id, lab_id, owner, "
                    + "lab_version, started_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, lab_id) DO UPDATE "
                    + "SET lab_version = EXCLUDED.lab_version")) {
                ps.setObject(1, workspaceId);
                ps.setString(2, labId);
                ps.setString(3, owner);
                ps.setInt(4, labVersion);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    /** Records one check run and keeps the best score per task (a newer lab version resets the best). */
    public TaskProgress record(UUID workspaceId, String owner, String labId, int labVersion, String taskId, int score,
            int maxScore, boolean passed) {
        Instant now = clock.instant();
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lab_attempts (at, owner, workspace_id, lab_id, "
                    + "lab_version, task_id, score, max_score, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, owner);
                ps.setObject(3, workspaceId);
                ps.setString(4, labId);
                ps.setInt(5, labVersion);
                ps.setString(6, taskId);
                ps.setInt(7, score);
                ps.setInt(8, maxScore);
                ps.setBoolean(9, passed);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lab_progress (owner, lab_id, task_id, "
                    + "lab_version, best_score, max_score, attempts, passed, last_checked_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (owner, lab_id, task_id) DO UPDATE SET "
                    + "best_score = CASE WHEN lab_progress.lab_version = EXCLUDED.lab_version "
                    + "THEN GREATEST(lab_progress.best_score, EXCLUDED.best_score) ELSE EXCLUDED.best_score END, "
                    + "passed = CASE WHEN lab_progress.lab_version = EXCLUDED.lab_version "
                    + "THEN lab_progress.passed OR EXCLUDED.passed ELSE EXCLUDED.passed END, "
                    + "lab_version = EXCLUDED.lab_version, max_score = EXCLUDED.max_score, "
                    + "attempts = lab_progress.attempts + 1, last_checked_at = EXCLUDED.last_checked_at "
                    + "RETURNING owner, lab_id, task_id, lab_version, best_score, max_score, attempts, passed, "
                    + "last_checked_at")) {
                ps.setString(1, owner);
                ps.setString(2, labId);
                ps.setString(3, taskId);
                ps.setInt(4, labVersion);
                ps.setInt(5, score);
                ps.setInt(6, maxScore);
                ps.setBoolean(7, passed);
                ps.setTimestamp(8, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return read(rs);
                }
            }
        });
    }

    /** Progress of one owner, or of everyone when {@code owner} is null; ordered by owner, lab, task. */
    public List<TaskProgress> of(String owner) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, lab_id, task_id, lab_version, best_score, "
                    + "max_score, attempts, passed, last_checked_at FROM lab_progress"
                    + (owner == null ? "" : " WHERE owner = ?") + " ORDER BY owner, lab_id, task_id")) {
                if (owner != null) {
                    ps.setString(1, owner);
                }
                List<TaskProgress> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** Progress of the members of a cohort ({@link Cohorts}); ordered by owner, lab, task. */
    public List<TaskProgress> ofCohort(String cohort) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.owner, p.lab_id, p.task_id, p.lab_version, "
                    + "p.best_score, p.max_score, p.attempts, p.passed, p.last_checked_at FROM lab_progress p "
                    + "JOIN cohort_members m ON m.owner = p.owner WHERE m.cohort = ? "
                    + "ORDER BY p.owner, p.lab_id, p.task_id")) {
                ps.setString(1, cohort);
                List<TaskProgress> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                return rows;
            }
        });
    }

    private static TaskProgress read(ResultSet rs) throws SQLException {
        return new TaskProgress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant());
    }

}
