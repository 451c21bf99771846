package io.onramp.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.onramp.core.testing.ManualEngine;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.WorkspaceTokens;

/** The workspace token store against a real PostgreSQL with the real migrations. */
class WorkspaceTokensTest {

    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    WorkspaceTokens tokens;

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(),
                ManualEngine.of(3).withConcurrency(4), clock, List.of(new ScriptedDriver()));
        tokens = new WorkspaceTokens(db, clock);
    }

    UUID workspace(String owner) {
        return engine.create(new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, null, null, null, null,
                Map.of(), true), owner, null, null).workspace().id();
    }

    @Test
    void aMintedTokenStandsForItsWorkspaceOwnerWithoutRoles() {
        UUID id = workspace("alice");
        String token = tokens.mint(id);
        assertTrue(token.startsWith("onramp_ws_") && token.length() >= 50, token.length() + " characters");
        assertTrue(token.substring(WorkspaceTokens.PREFIX.length()).matches("[A-Za-z0-9_-]{43}"), "URL-safe");
        Caller caller = tokens.authenticate(token).orElseThrow();
        assertEquals(new Caller("alice", java.util.Set.of(), id), caller);
        assertTrue(caller.workspaceScoped());
        assertEquals("workspace:" + id, caller.auditName(), "audited by workspace, never by token");
        assertEquals(Optional.of(WorkspaceTokens.fingerprint(token)), tokens.current(id));
        assertEquals(12, WorkspaceTokens.fingerprint(token).length());
    }

    @Test
    void onlyTheHashIsStored() throws Exception {
        UUID id = workspace("bob");
        String token = tokens.mint(id);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM workspace_tokens WHERE workspace_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                            : String.valueOf(value);
                    assertFalse(text.contains(token.substring(WorkspaceTokens.PREFIX.length())),
                            rs.getMetaData().getColumnName(i) + " holds the token");
                }
                assertEquals(32, rs.getBytes("token_hash").length, "SHA-256");
            }
        }
    }

    @Test
    void mintingAgainRotatesAndRevokingEnds() {
        UUID id = workspace("carol");
        String first = tokens.mint(id);
        String second = tokens.mint(id);
        assertNotEquals(first, second);
        assertTrue(tokens.authenticate(first).isEmpty(), "replaced");
        assertTrue(tokens.authenticate(second).isPresent());

        clock.advance(Duration.ofMinutes(1));
        tokens.revoke(id);
        tokens.revoke(id); // idempotent
        assertTrue(tokens.authenticate(second).isEmpty());
        assertEquals(Optional.empty(), tokens.current(id));
        String third = tokens.mint(id);
        assertTrue(tokens.authenticate(third).isPresent(), "a new token after a revocation works");
    }

    @Test
    void aDeletedWorkspacesTokenIsRefusedAtOnce() {
        UUID id = workspace("dave");
        String token = tokens.mint(id);
        engine.delete(id); // only the desired state changes; the driver has not run
        assertTrue(tokens.authenticate(token).isEmpty());
    }

    @Test
    void tokensOfOneWorkspaceAreNotAnother() {
        UUID a = workspace("erin");
        UUID b = workspace("frank");
        String ta = tokens.mint(a);
        String tb = tokens.mint(b);
        assertEquals(a, tokens.authenticate(ta).orElseThrow().workspace());
        assertEquals(b, tokens.authenticate(tb).orElseThrow().workspace());
        tokens.revoke(a);
        assertTrue(tokens.authenticate(tb).isPresent(), "revoking one leaves the other");
    }

    @Test
    void anythingElseIsNotAWorkspaceToken() {
        assertTrue(tokens.authenticate(null).isEmpty());
        assertTrue(tokens.authenticate("").isEmpty());
        assertTrue(tokens.authenticate("eyJhbGciOiJSUzI1NiJ9.e30.sig").isEmpty());
        assertTrue(tokens.authenticate(WorkspaceTokens.PREFIX).isEmpty());
        assertTrue(tokens.authenticate(WorkspaceTokens.PREFIX + "x".repeat(43)).isEmpty());
        assertFalse(WorkspaceTokens.isWorkspaceToken("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
    }
}
