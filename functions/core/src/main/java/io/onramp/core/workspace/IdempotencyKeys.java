package io.onramp.core.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.onramp.core.error.OnrampException;

/**
 * Client-chosen keys that make a create safe to retry. The first call stores its key with a fingerprint of the
 * request; a repeat with the same fingerprint gets the first call's workspace, a different request under the same key
 * is a CONFLICT. Concurrent first calls serialise on the key's row.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The workspace an earlier call with this key made, or empty if this call is the first. */
    static Optional<UUID> claim(Connection c, String operation, String caller, String key, String fingerprint,
            Instant now) throws SQLException {
        if (key.isBlank() || key.length() > 200) {
            throw OnrampException.badInput("idempotencyKey must be 1 to 200 characters.");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (operation, caller, key, "
                + "request_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, operation);
            ps.setString(2, caller);
            ps.setString(3, key);
            ps.setString(4, fingerprint);
            ps.setTimestamp(5, Timestamp.from(now));
            if (ps.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, result_ref FROM idempotency_keys "
                + "WHERE operation = ? AND caller = ? AND key = ? FOR UPDATE")) {
            ps.setString(1, operation);
            ps.setString(2, caller);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw OnrampException.conflict("The idempotency key changed meanwhile; try again.");
                }
                if (!rs.getString(1).equals(fingerprint)) {
                    throw OnrampException.conflict("This idempotencyKey was already used for a different request.");
                }
                String ref = rs.getString(2);
                return ref == null ? Optional.empty() : Optional.of(UUID.fromString(ref));
            }
        }
    }

    static void remember(Connection c, String operation, String caller, String key, UUID workspace)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE idempotency_keys SET result_ref = ? "
                + "WHERE operation = ? AND caller = ? AND key = ?")) {
            ps.setString(1, workspace.toString());
            ps.setString(2, operation);
            ps.setString(3, caller);
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }

    /** A stable fingerprint of a request's fields. */
    public static String fingerprint(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
