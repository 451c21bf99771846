package io.onramp.core.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.core.store.Jdbc;

/** Workspace rows in PostgreSQL. All writes that must go together take a {@link Connection} from the caller. */
@ApplicationScoped
public class WorkspaceStore {

    static final String COLUMNS = "id, seq, owner, kind, state, desired_state, state_reason, last_error, namespace, url, lab, "
            + "coder_workspace_id, zone, instance_id, public_ip, spec::text, generation, created_at, updated_at, ready_at";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> SPEC = new TypeReference<>() {
    };

    /** Inserts unless the owner already has a live workspace that must be unique; returns whether it inserted. */
    boolean insert(Connection c, UUID id, NewWorkspace w, Instant now) throws SQLException {
        String conflict = w.onePerOwner() && w.kind() == WorkspaceKind.POD
                ? " ON CONFLICT (owner) WHERE kind = 'POD' AND desired_state <> 'DELETED' DO NOTHING"
                : "";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspaces (id, owner, kind, state, desired_state, "
                + "namespace, url, lab, coder_workspace_id, zone, spec, generation, created_at, updated_at) "
                + "VALUES (?, ?, ?, 'PROVISIONING', 'RUNNING', ?, ?, ?, ?, ?, ?::jsonb, 1, ?, ?)" + conflict)) {
            ps.setObject(1, id);
            ps.setString(2, w.owner());
            ps.setString(3, w.kind().name());
            ps.setString(4, w.namespace());
            ps.setString(5, w.url());
            ps.setString(6, w.lab());
            ps.setString(7, w.coderWorkspaceId());
            ps.setString(8, w.zone());
            ps.setString(9, json(w.spec()));
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    Optional<Workspace> livePodOf(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM workspaces WHERE owner = ? AND kind = 'POD' AND desired_state <> 'DELETED'")) {
            ps.setString(1, owner);
            return one(ps);
        }
    }

    Optional<Workspace> find(Connection c, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, id);
            return one(ps);
        }
    }

    /** Records a new desired state (and the transitional state that goes with it); bumps the generation. */
    void desire(Connection c, UUID id, DesiredState desired, WorkspaceState transitional, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET desired_state = ?, state = ?, "
                + "state_reason = NULL, last_error = NULL, generation = generation + 1, updated_at = ? WHERE id = ?")) {
            ps.setString(1, desired.name());
            ps.setString(2, transitional.name());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    /** Marks a FAILED workspace as being worked on again, keeping its desired state. */
    void retry(Connection c, UUID id, WorkspaceState transitional, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET state = ?, state_reason = NULL, "
                + "generation = generation + 1, updated_at = ? WHERE id = ?")) {
            ps.setString(1, transitional.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    /**
     * Reconcile: records an observed state and its reason for a workspace to be converged again, bumping the
     * generation so that a step still under way with the old one cannot overwrite it.
     */
    void reopen(Connection c, UUID id, WorkspaceState state, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET state = ?, state_reason = ?, "
                + "generation = generation + 1, updated_at = ? WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    /** Writes what a converge step observed, unless the desired state changed meanwhile (generation check). */
    boolean observe(Connection c, UUID id, long generation, WorkspaceState state, String reason, String lastError,
            Map<String, String> facts, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET state = ?, state_reason = ?, "
                + "last_error = ?, url = COALESCE(?, url), instance_id = COALESCE(?, instance_id), "
                + "public_ip = COALESCE(?, public_ip), updated_at = ?, "
                + "ready_at = COALESCE(ready_at, CASE WHEN ? = 'RUNNING' THEN ?::timestamptz END) "
                + "WHERE id = ? AND generation = ?")) {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            ps.setString(3, lastError);
            ps.setString(4, facts.get(Convergence.URL));
            ps.setString(5, facts.get(Convergence.INSTANCE_ID));
            ps.setString(6, facts.get(Convergence.PUBLIC_IP));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, state.name());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setObject(10, id);
            ps.setLong(11, generation);
            return ps.executeUpdate() == 1;
        }
    }

    Page<Workspace> list(Connection c, WorkspaceFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM workspaces WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (filter.owner() != null) {
            sql.append(" AND owner = ?");
            args.add(filter.owner());
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            args.add(filter.state().name());
        } else if (!filter.includeDeleted()) {
            sql.append(" AND state <> 'DELETED'");
        }
        if (filter.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(filter.kind().name());
        }
        PageRequest page = filter.page();
        if (page.afterKey() != null) {
            sql.append(" AND seq > ?");
            args.add(page.afterKey());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(page.first() + 1);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Jdbc.bind(ps, args);
            List<Workspace> items = many(ps);
            boolean more = items.size() > page.first();
            if (more) {
                items = items.subList(0, page.first());
            }
            String end = items.isEmpty() ? null : PageRequest.encode(items.get(items.size() - 1).seq());
            return new Page<>(List.copyOf(items), end, more);
        }
    }

    List<Workspace> liveOf(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM workspaces WHERE owner = ? AND desired_state <> 'DELETED' ORDER BY seq")) {
            ps.setString(1, owner);
            return many(ps);
        }
    }

    List<Workspace> byCoderWorkspace(Connection c, String coderWorkspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM workspaces WHERE coder_workspace_id = ? ORDER BY seq")) {
            ps.setString(1, coderWorkspaceId);
            return many(ps);
        }
    }

    private static List<Workspace> many(PreparedStatement ps) throws SQLException {
        List<Workspace> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(read(rs));
            }
        }
        return items;
    }

    private static Optional<Workspace> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    static Workspace read(ResultSet rs) throws SQLException {
        return new Workspace(
                rs.getObject(1, UUID.class),
                rs.getLong(2),
                rs.getString(3),
                WorkspaceKind.valueOf(rs.getString(4)),
                WorkspaceState.valueOf(rs.getString(5)),
                DesiredState.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15),
                spec(rs.getString(16)),
                rs.getLong(17),
                rs.getTimestamp(18).toInstant(),
                rs.getTimestamp(19).toInstant(),
                rs.getTimestamp(20) == null ? null : rs.getTimestamp(20).toInstant());
    }

    private static Map<String, String> spec(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, SPEC);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt workspace spec in the database", e);
        }
    }

    private static String json(Map<String, String> spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
