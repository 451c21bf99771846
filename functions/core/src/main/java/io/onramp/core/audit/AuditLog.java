package io.onramp.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.core.store.Jdbc;

/** Who did what to which target, and how it ended. Append-only, in PostgreSQL. */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_FIELD = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void record(Caller caller, String operation, String target, Outcome outcome, String detail) {
        record(caller.auditName(), operation, target, outcome, detail);
    }

    public void record(String actor, String operation, String target, Outcome outcome, String detail) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, operation, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, clip(actor));
            ps.setString(3, clip(operation));
            ps.setString(4, clip(target));
            ps.setString(5, outcome.name());
            ps.setString(6, clip(detail));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    public Page<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, operation, target, outcome, detail FROM audit_log WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.target() != null) {
            sql.append(" AND target = ?");
            args.add(query.target());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at <= ?");
            args.add(Timestamp.from(query.to()));
        }
        PageRequest page = query.page();
        if (page.afterKey() != null) {
            sql.append(" AND id < ?");
            args.add(page.afterKey());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(page.first() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Jdbc.bind(ps, args);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), Outcome.valueOf(rs.getString(6)), rs.getString(7)));
                }
            }
            boolean more = entries.size() > page.first();
            if (more) {
                entries = entries.subList(0, page.first());
            }
            String end = entries.isEmpty() ? null : PageRequest.encode(entries.get(entries.size() - 1).id());
            return new Page<>(List.copyOf(entries), end, more);
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }
}
