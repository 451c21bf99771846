package io.onramp.core.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.store.Jdbc;
import io.onramp.core.store.Tx;

/** Workspace events in PostgreSQL, and the record of Coder message ids already handled. */
@ApplicationScoped
public class WorkspaceEvents {

    private static final int MAX_MESSAGE = 2000;

    private final DataSource dataSource;
    private final Clock clock;

    public WorkspaceEvents(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void record(String source, String kind, UUID workspaceId, String owner, String message) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO workspace_events (at, source, kind, workspace_id, owner, message) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, source);
            ps.setString(3, kind);
            ps.setObject(4, workspaceId);
            ps.setString(5, owner);
            ps.setString(6, message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Newest first, at most {@code limit}. */
    public List<WorkspaceEvent> forWorkspace(UUID workspaceId, int limit) {
        return query("workspace_id = ?", workspaceId, limit);
    }

    public List<WorkspaceEvent> forOwner(String owner, int limit) {
        return query("owner = ?", owner, limit);
    }

    private List<WorkspaceEvent> query(String where, Object arg, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, source, kind, workspace_id, owner, message FROM workspace_events WHERE " + where
                        + " ORDER BY id DESC LIMIT ?")) {
            ps.setObject(1, arg);
            ps.setInt(2, limit);
            List<WorkspaceEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new WorkspaceEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Remembers a Coder message id; false when it was seen before (a redelivery). */
    public boolean firstDelivery(UUID msgId) {
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO coder_messages (msg_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, msgId);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets a message id so that Coder's retry is handled again (after a transient failure). */
    public void forgetDelivery(UUID msgId) {
        Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM coder_messages WHERE msg_id = ?")) {
                ps.setObject(1, msgId);
                return ps.executeUpdate();
            }
        });
    }

    public void outcome(UUID msgId, String outcome) {
        Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE coder_messages SET outcome = ? WHERE msg_id = ?")) {
                ps.setString(1, outcome);
                ps.setObject(2, msgId);
                return ps.executeUpdate();
            }
        });
    }

}
