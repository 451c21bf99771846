package io.onramp.core.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.store.Tx;

/**
 * {@code workspace_activity} rows. Changes go through {@link #update}: the row is locked for the whole
 * read-decide-write, so two runs of a duty (two replicas) take turns per workspace. Never call the workspace engine
 * from inside an update: the row references its workspace, and the engine locks that.
 */
@ApplicationScoped
public class ActivityStore {

    private static final String COLUMNS = "workspace_id, last_activity_at, last_probe_at, last_probe_outcome, failures, "
            + "failing_since, tls_pin, period_generation, period_since, expiry_warned_generation, expiry_warned_at";
    private static final int MAX_OUTCOME = 200;

    private final DataSource dataSource;

    public ActivityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #update} does with a locked record: the new record to store, and a result for the caller. */
    @FunctionalInterface
    public interface Change<T> {
        Outcome<T> apply(ActivityRecord current) throws SQLException;
    }

    public record Outcome<T>(ActivityRecord record, T result) {
    }

    /**
     * Locks the workspace's record (creating an empty one), applies {@code change} and stores what it returns, in one
     * transaction. A workspace deleted meanwhile yields {@code Optional.empty()}.
     */
    public <T> Optional<T> update(UUID workspaceId, Instant now, Change<T> change) {
        return Tx.run(dataSource, c -> {
            if (!exists(c, workspaceId)) {
                return Optional.<T> empty();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspace_activity (workspace_id, updated_at) "
                    + "VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, workspaceId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            ActivityRecord current;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM workspace_activity WHERE workspace_id = ? FOR UPDATE")) {
                ps.setObject(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    current = read(rs);
                }
            }
            Outcome<T> outcome = change.apply(current);
            if (!outcome.record().equals(current)) {
                save(c, outcome.record(), now);
            }
            return Optional.ofNullable(outcome.result());
        });
    }

    public Optional<ActivityRecord> find(UUID workspaceId) {
        return Optional.ofNullable(find(List.of(workspaceId)).get(workspaceId));
    }

    /** The records of these workspaces (those without one are missing from the map). */
    public Map<UUID, ActivityRecord> find(Collection<UUID> workspaceIds) {
        Map<UUID, ActivityRecord> out = new HashMap<>();
        if (workspaceIds.isEmpty()) {
            return out;
        }
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM workspace_activity WHERE workspace_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", workspaceIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ActivityRecord r = read(rs);
                        out.put(r.workspaceId(), r);
                    }
                }
            }
            return out;
        });
    }

    private static boolean exists(Connection c, UUID workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workspaces WHERE id = ?")) {
            ps.setObject(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void save(Connection c, ActivityRecord r, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspace_activity SET last_activity_at = ?, "
                + "last_probe_at = ?, last_probe_outcome = ?, failures = ?, failing_since = ?, tls_pin = ?, "
                + "period_generation = ?, period_since = ?, expiry_warned_generation = ?, expiry_warned_at = ?, "
                + "updated_at = ? WHERE workspace_id = ?")) {
            ps.setTimestamp(1, ts(r.lastActivityAt()));
            ps.setTimestamp(2, ts(r.lastProbeAt()));
            String outcome = r.lastProbeOutcome();
            ps.setString(3, outcome == null || outcome.length() <= MAX_OUTCOME ? outcome : outcome.substring(0, MAX_OUTCOME));
            ps.setInt(4, r.failures());
            ps.setTimestamp(5, ts(r.failingSince()));
            ps.setString(6, r.tlsPin());
            setLong(ps, 7, r.periodGeneration());
            ps.setTimestamp(8, ts(r.periodSince()));
            setLong(ps, 9, r.expiryWarnedGeneration());
            ps.setTimestamp(10, ts(r.expiryWarnedAt()));
            ps.setTimestamp(11, Timestamp.from(now));
            ps.setObject(12, r.workspaceId());
            ps.executeUpdate();
        }
    }

    private static ActivityRecord read(ResultSet rs) throws SQLException {
        return new ActivityRecord(rs.getObject(1, UUID.class), instant(rs, 2), instant(rs, 3), rs.getString(4),
                rs.getInt(5), instant(rs, 6), rs.getString(7), nullableLong(rs, 8), instant(rs, 9),
                nullableLong(rs, 10), instant(rs, 11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
