package io.onramp.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.store.Jdbc;
import io.onramp.core.store.Tx;

/**
 * Workspace tokens: the credential {@code onramp-check} sends from inside a pod workspace. The pod driver mints one
 * per workspace and puts it into the workspace (never anywhere else); only its SHA-256 is stored. Minting again
 * replaces the previous token (rotation). A token stops working when it is revoked, when its workspace is asked to be
 * deleted, or when it is replaced; {@link AccessPolicy#requireChecking} lets its holder check that one workspace's
 * tasks and nothing else. Token values are never logged nor put in error messages.
 */
@ApplicationScoped
public class WorkspaceTokens {

    /** Every workspace token starts with this, so the authentication filter can tell it from a JWT. */
    public static final String PREFIX = "onramp_ws_";
    private static final int RANDOM_BYTES = 32;
    private static final int FINGERPRINT_BYTES = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public WorkspaceTokens(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether a bearer value is meant as a workspace token (it may still be wrong). */
    public static boolean isWorkspaceToken(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    /**
     * Mints a new token for a workspace, replacing (and so invalidating) any earlier one. The value is returned once
     * and never stored: put it where it belongs, and nowhere else.
     */
    public String mint(UUID workspaceId) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] hash = hash(token);
        Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspace_tokens (workspace_id, token_hash, "
                    + "created_at) VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET token_hash = "
                    + "EXCLUDED.token_hash, created_at = EXCLUDED.created_at, revoked_at = NULL")) {
                ps.setObject(1, workspaceId);
                ps.setBytes(2, hash);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
        return token;
    }

    /**
     * The fingerprint of the workspace's current token (a short, non-secret identifier that changes with every
     * rotation), or empty when it has none or it was revoked.
     */
    public Optional<String> current(UUID workspaceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT token_hash FROM workspace_tokens WHERE workspace_id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(fingerprintOfHash(rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Revokes the workspace's token (idempotent). */
    public void revoke(UUID workspaceId) {
        Tx.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workspace_tokens SET revoked_at = ? "
                    + "WHERE workspace_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setObject(2, workspaceId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The caller a workspace token stands for: the owner of its workspace, limited to it. Empty when the token is
     * unknown, replaced or revoked, or its workspace is deleted or being deleted.
     */
    public Optional<Caller> authenticate(String token) {
        if (!isWorkspaceToken(token)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT t.workspace_id, w.owner FROM workspace_tokens t JOIN workspaces w ON w.id = t.workspace_id "
                        + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND w.desired_state <> 'DELETED' "
                        + "AND w.state <> 'DELETED'")) {
            ps.setBytes(1, hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(Caller.ofWorkspace(rs.getString(2), rs.getObject(1, UUID.class)));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** The fingerprint of a token value (see {@link #current}). */
    public static String fingerprint(String token) {
        return fingerprintOfHash(hash(token));
    }

    private static String fingerprintOfHash(byte[] hash) {
        return HexFormat.of().formatHex(hash, 0, FINGERPRINT_BYTES);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
