package io.onramp.core.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The durable queue of converge jobs, one per workspace, in PostgreSQL. Workers claim due jobs with
 * {@code FOR UPDATE SKIP LOCKED} and a lease; a job whose holder died becomes due again when the lease runs out.
 * Every change of a workspace's desired state bumps the job's version, so a worker never deletes a job that was asked
 * for again while it ran.
 */
@ApplicationScoped
public class JobQueue {

    /** Makes the workspace's job due now (creating it if needed) and resets its attempts. */
    void enqueue(Connection c, UUID workspaceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (workspace_id, version, run_at, attempts, "
                + "created_at, updated_at) VALUES (?, 1, ?, 0, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET "
                + "version = jobs.version + 1, run_at = EXCLUDED.run_at, attempts = 0, last_error = NULL, "
                + "updated_at = EXCLUDED.updated_at")) {
            ps.setObject(1, workspaceId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /**
     * Claims up to {@code max} due jobs of workspaces of the given kinds: a process claims only the jobs its served
     * groups can run (a pods function never takes a VM job it holds no Exoscale keys for).
     */
    List<ClaimedJob> claim(Connection c, String worker, int max, Instant now, Duration lease, Set<WorkspaceKind> kinds)
            throws SQLException {
        if (kinds.isEmpty() || max <= 0) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT j.workspace_id FROM jobs j "
                + "JOIN workspaces w ON w.id = j.workspace_id "
                + "WHERE j.run_at <= ? AND (j.locked_until IS NULL OR j.locked_until <= ?) AND w.kind = ANY (?) "
                + "ORDER BY j.run_at LIMIT ? FOR UPDATE OF j SKIP LOCKED) "
                + "UPDATE jobs j SET locked_by = ?, locked_until = ? FROM due WHERE j.workspace_id = due.workspace_id "
                + "RETURNING j.workspace_id, j.version, j.attempts")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, c.createArrayOf("text", kinds.stream().map(Enum::name).toArray()));
            ps.setInt(4, max);
            ps.setString(5, worker);
            ps.setTimestamp(6, Timestamp.from(now.plus(lease)));
            List<ClaimedJob> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new ClaimedJob(rs.getObject(1, UUID.class), rs.getLong(2), rs.getInt(3)));
                }
            }
            return jobs;
        }
    }

    /** Done: removes the job unless it was asked for again meanwhile, in which case it is released to run again. */
    void complete(Connection c, ClaimedJob job, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE workspace_id = ? AND version = ?")) {
            ps.setObject(1, job.workspaceId());
            ps.setLong(2, job.version());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        release(c, job.workspaceId(), now);
    }

    /** Not done yet: runs again at {@code runAt}; {@code failed} counts an attempt and records the error. */
    void reschedule(Connection c, ClaimedJob job, Instant runAt, boolean failed, String error, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET run_at = ?, attempts = attempts + ?, "
                + "last_error = ?, locked_by = NULL, locked_until = NULL, updated_at = ? "
                + "WHERE workspace_id = ? AND version = ?")) {
            ps.setTimestamp(1, Timestamp.from(runAt));
            ps.setInt(2, failed ? 1 : 0);
            ps.setString(3, error);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setObject(5, job.workspaceId());
            ps.setLong(6, job.version());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        release(c, job.workspaceId(), now);
    }

    /** Gives up: the workspace is FAILED and waits for its owner to ask again. */
    void park(Connection c, ClaimedJob job, Instant now) throws SQLException {
        complete(c, job, now);
    }

    private void release(Connection c, UUID workspaceId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET locked_by = NULL, locked_until = NULL, "
                + "updated_at = ? WHERE workspace_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, workspaceId);
            ps.executeUpdate();
        }
    }

    /** How many jobs exist and how many are due: for health and tests. */
    public record Depth(long total, long due) {
    }

    Depth depth(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE run_at <= ? "
                + "AND (locked_until IS NULL OR locked_until <= ?)) FROM jobs")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Depth(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
