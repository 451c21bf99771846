package io.onramp.core.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.onramp.core.store.Tx;
import io.onramp.core.workspace.WorkspaceKind;

/** The reports of recent reconcile runs in PostgreSQL: the newest {@value #KEEP} per kind are kept. */
@ApplicationScoped
public class ReconcileReports {

    static final int KEEP = 50;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<Drift>> DRIFTS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public ReconcileReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the report, drops the oldest beyond {@value #KEEP} of its kind, and returns it with its id. */
    public DriftReport save(DriftReport report) {
        return Tx.run(dataSource, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_reports (kind, at, trigger, actor, "
                    + "dry_run, delete_orphans, examined, drifts) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, report.kind().name());
                ps.setTimestamp(2, Timestamp.from(report.at()));
                ps.setString(3, report.trigger().name());
                ps.setString(4, report.actor());
                ps.setBoolean(5, report.dryRun());
                ps.setBoolean(6, report.deleteOrphans());
                ps.setInt(7, report.examined());
                ps.setString(8, write(report.drifts()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM reconcile_reports WHERE kind = ? AND id <= "
                    + "(SELECT id FROM reconcile_reports WHERE kind = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
                ps.setString(1, report.kind().name());
                ps.setString(2, report.kind().name());
                ps.setInt(3, KEEP);
                ps.executeUpdate();
            }
            return report.stored(id);
        });
    }

    /** The newest report of a kind. */
    public Optional<DriftReport> latest(WorkspaceKind kind) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, at, trigger, actor, dry_run, "
                    + "delete_orphans, examined, drifts::text FROM reconcile_reports WHERE kind = ? "
                    + "ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, kind.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<DriftReport> empty();
                }
            }
        });
    }

    /** The zones the kind's workspaces were ever made in. */
    public java.util.Set<String> zonesOf(WorkspaceKind kind) {
        return Tx.run(dataSource, c -> {
            java.util.Set<String> zones = new java.util.TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT zone FROM workspaces WHERE kind = ? AND zone IS NOT NULL")) {
                ps.setString(1, kind.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        zones.add(rs.getString(1));
                    }
                }
            }
            return zones;
        });
    }

    /**
     * Holds the reconcile lock of a kind for this database session while {@code work} runs, so that two processes
     * never reconcile one kind at once; empty when another holds it.
     */
    public <T> Optional<T> exclusively(WorkspaceKind kind, java.util.function.Supplier<T> work) {
        long key = 0x6F6E72616D70L + kind.ordinal(); // "onramp" + kind
        try (Connection c = dataSource.getConnection()) {
            if (!advisory(c, "SELECT pg_try_advisory_lock(?)", key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                advisory(c, "SELECT pg_advisory_unlock(?)", key);
            }
        } catch (SQLException e) {
            throw io.onramp.core.store.Jdbc.unavailable(e);
        }
    }

    private static boolean advisory(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static DriftReport read(ResultSet rs) throws SQLException {
        try {
            return new DriftReport(rs.getLong(1), WorkspaceKind.valueOf(rs.getString(2)),
                    rs.getTimestamp(3).toInstant(), ReconcileTrigger.valueOf(rs.getString(4)), rs.getString(5),
                    rs.getBoolean(6), rs.getBoolean(7), rs.getInt(8), JSON.readValue(rs.getString(9), DRIFTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt reconcile report in the database", e);
        }
    }

    private static String write(List<Drift> drifts) {
        try {
            return JSON.writeValueAsString(drifts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
