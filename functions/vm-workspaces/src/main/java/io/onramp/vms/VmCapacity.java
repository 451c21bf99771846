package io.onramp.vms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.error.OnrampException;
import io.onramp.core.store.Tx;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;

/**
 * The cost guard: how many VM workspaces run, overall and per developer, counted in PostgreSQL. A VM workspace
 * counts while its owner wants it running ({@code desired_state = 'RUNNING'}, provisioning and failed ones
 * included); paused VMs cost only their disk and do not count.
 *
 * <p>Checked twice: when a workspace is created ({@link #checkCreate}, the caller gets QUOTA_EXCEEDED at once) and
 * by the driver right before it creates or starts an instance ({@link #checkStart}), which is where a resume is
 * checked, since core's resume only records the wish. There the workspaces already holding a running VM and the
 * older contenders count, so of two concurrent resumes at the cap the older one wins.
 */
@ApplicationScoped
public class VmCapacity {

    private final DataSource dataSource;
    private final VmsConfig config;

    public VmCapacity(DataSource dataSource, VmsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Running VM workspaces overall and of one owner. */
    public record Usage(long overall, long owner) {
    }

    /** @throws OnrampException QUOTA_EXCEEDED when one more VM for {@code owner} would pass a cap */
    public void checkCreate(String owner) {
        Usage usage = Tx.run(dataSource, c -> count(c, "SELECT count(*), count(*) FILTER (WHERE owner = ?) "
                + "FROM workspaces WHERE kind = ? AND desired_state = 'RUNNING'", owner, null, 0));
        refuseBeyondCaps(usage, owner, "create another");
    }

    /** @throws OnrampException QUOTA_EXCEEDED when resuming one more of {@code owner}'s VMs would pass a cap */
    public void checkResume(String owner) {
        Usage usage = Tx.run(dataSource, c -> count(c, "SELECT count(*), count(*) FILTER (WHERE owner = ?) "
                + "FROM workspaces WHERE kind = ? AND desired_state = 'RUNNING'", owner, null, 0));
        refuseBeyondCaps(usage, owner, "resume this one");
    }

    /** @throws OnrampException QUOTA_EXCEEDED when starting {@code w}'s VM would pass a cap */
    public void checkStart(Workspace w) {
        Usage usage = Tx.run(dataSource, c -> count(c, "SELECT count(*), count(*) FILTER (WHERE owner = ?) "
                + "FROM workspaces WHERE kind = ? AND desired_state = 'RUNNING' AND id <> ? "
                + "AND (state = 'RUNNING' OR seq < ?)", w.owner(), w.id(), w.seq()));
        refuseBeyondCaps(usage, w.owner(), w.readyAt() == null ? "start another" : "resume another");
    }

    /**
     * Whether {@code caller} already made a VM workspace under this idempotency key: a repeat must get its
     * workspace back even at the cap, so the guard steps aside (the engine then answers as for any repeat).
     */
    public boolean isRepeat(String caller, String idempotencyKey) {
        if (caller == null || idempotencyKey == null) {
            return false;
        }
        return Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM idempotency_keys WHERE operation = ? "
                    + "AND caller = ? AND key = ? AND result_ref IS NOT NULL")) {
                ps.setString(1, "create" + WorkspaceKind.VM);
                ps.setString(2, caller);
                ps.setString(3, idempotencyKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private void refuseBeyondCaps(Usage usage, String owner, String what) {
        if (usage.owner() >= config.maxRunningPerDeveloper()) {
            throw OnrampException.quotaExceeded(owner + " already has " + usage.owner() + " running VM workspace"
                    + (usage.owner() == 1 ? "" : "s") + ", the most one developer may have "
                    + "(onramp.vms.max-running-per-developer = " + config.maxRunningPerDeveloper() + "); pause or "
                    + "delete one to " + what + ".");
        }
        if (usage.overall() >= config.maxRunning()) {
            throw OnrampException.quotaExceeded("Onramp already runs " + usage.overall() + " VM workspaces, the most "
                    + "allowed (onramp.vms.max-running = " + config.maxRunning() + "); try again once some are "
                    + "paused or deleted, or ask an administrator.");
        }
    }

    private static Usage count(Connection c, String sql, String owner, UUID exclude, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            ps.setString(2, WorkspaceKind.VM.name());
            if (exclude != null) {
                ps.setObject(3, exclude);
                ps.setLong(4, seq);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
