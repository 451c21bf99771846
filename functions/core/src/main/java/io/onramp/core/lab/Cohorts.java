package io.onramp.core.lab;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.store.Tx;

/**
 * Cohorts: named groups of developers an instructor follows together (a start date, a team). A developer is in at
 * most one cohort; setting a cohort's members moves them out of any other.
 */
@ApplicationScoped
public class Cohorts {

    /** A cohort and its members, sorted by name. */
    public record Cohort(String name, List<String> owners) {
        public Cohort {
            owners = List.copyOf(owners);
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public Cohorts(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Makes {@code owners} exactly the members of cohort {@code name}: those listed join it (leaving any other
     * cohort), members not listed leave it. An empty list dissolves the cohort. Idempotent.
     */
    public Cohort set(String name, List<String> owners, String assignedBy) {
        Instant now = clock.instant();
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM cohort_members WHERE cohort = ? AND NOT (owner = ANY (?))")) {
                ps.setString(1, name);
                ps.setArray(2, c.createArrayOf("text", owners.toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cohort_members (owner, cohort, assigned_at, "
                    + "assigned_by) VALUES (?, ?, ?, ?) ON CONFLICT (owner) DO UPDATE SET cohort = EXCLUDED.cohort, "
                    + "assigned_at = EXCLUDED.assigned_at, assigned_by = EXCLUDED.assigned_by "
                    + "WHERE cohort_members.cohort <> EXCLUDED.cohort")) {
                for (String owner : owners) {
                    ps.setString(1, owner);
                    ps.setString(2, name);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, assignedBy);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Cohort(name, members(c, name));
        });
    }

    /** Every cohort with its members, by name. */
    public List<Cohort> all() {
        return Tx.run(dataSource, c -> {
            Map<String, List<String>> byName = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cohort, owner FROM cohort_members ORDER BY cohort, owner");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<Cohort> out = new ArrayList<>();
            byName.forEach((name, owners) -> out.add(new Cohort(name, owners)));
            return out;
        });
    }

    /** The cohort a developer is in, if any. */
    public Optional<String> of(String owner) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cohort FROM cohort_members WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static List<String> members(java.sql.Connection c, String name) throws java.sql.SQLException {
        List<String> owners = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner FROM cohort_members WHERE cohort = ? ORDER BY owner")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
            }
        }
        return owners;
    }
}
