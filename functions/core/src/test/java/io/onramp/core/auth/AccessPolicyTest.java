package io.onramp.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class AccessPolicyTest {

    private static final Caller ALICE = new Caller("alice", Set.of(Role.DEVELOPER));
    private static final Caller ADMIN = new Caller("root", Set.of(Role.ADMIN));
    private static final Caller NOBODY = new Caller("mallory", Set.of());
    private static final Caller CODER = new Caller("coder", Set.of(Role.CODER));
    private static final java.util.UUID ALICES_WORKSPACE = java.util.UUID.randomUUID();
    private static final Caller ALICES_TOKEN = Caller.ofWorkspace("alice", ALICES_WORKSPACE);

    private static ErrorCode refusal(Runnable action) {
        return assertThrows(OnrampException.class, action::run).code();
    }

    @ParameterizedTest(name = "{0} acting for {1}: {2}")
    @CsvSource({
            "alice, alice, OK",
            "alice, bob, FORBIDDEN",
            "root, bob, OK",
            "root, alice, OK",
            "mallory, mallory, FORBIDDEN",
            "coder, alice, FORBIDDEN",
            "anonymous, alice, UNAUTHENTICATED" })
    void actingForMatrix(String who, String owner, String expected) {
        Caller caller = switch (who) {
            case "alice" -> ALICE;
            case "root" -> ADMIN;
            case "mallory" -> NOBODY;
            case "coder" -> CODER;
            default -> Caller.ANONYMOUS;
        };
        if (expected.equals("OK")) {
            assertSame(caller, AccessPolicy.requireActingFor(caller, owner));
        } else {
            assertEquals(ErrorCode.valueOf(expected), refusal(() -> AccessPolicy.requireActingFor(caller, owner)));
        }
    }

    @Test
    void adminOnly() {
        assertSame(ADMIN, AccessPolicy.requireAdmin(ADMIN));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireAdmin(ALICE)));
        assertEquals(ErrorCode.UNAUTHENTICATED, refusal(() -> AccessPolicy.requireAdmin(Caller.ANONYMOUS)));
        assertEquals(ErrorCode.UNAUTHENTICATED, refusal(() -> AccessPolicy.requireAdmin(null)));
    }

    @Test
    void effectiveOwnerDefaultsToTheDeveloperAndLetsAdminsSeeAll() {
        assertEquals("alice", AccessPolicy.effectiveOwner(ALICE, null));
        assertEquals("alice", AccessPolicy.effectiveOwner(ALICE, "alice"));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.effectiveOwner(ALICE, "bob")));
        assertNull(AccessPolicy.effectiveOwner(ADMIN, null));
        assertEquals("bob", AccessPolicy.effectiveOwner(ADMIN, "bob"));
    }

    @Test
    void aWorkspaceTokenChecksItsOwnWorkspaceAndNothingElse() {
        java.util.UUID other = java.util.UUID.randomUUID();
        assertSame(ALICES_TOKEN, AccessPolicy.requireChecking(ALICES_TOKEN, ALICES_WORKSPACE, "alice", null));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireChecking(ALICES_TOKEN, other, "alice", null)),
                "another workspace of the same owner");
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireChecking(ALICES_TOKEN, other, "bob", null)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireMember(ALICES_TOKEN)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireAdmin(ALICES_TOKEN)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireActingFor(ALICES_TOKEN, "alice")));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireActingOn(ALICES_TOKEN, "alice", "coder-1")));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.effectiveOwner(ALICES_TOKEN, null)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.effectiveOwner(ALICES_TOKEN, "alice")));
        assertEquals(AccessPolicy.WORKSPACE_TOKEN_ONLY_CHECKS,
                assertThrows(OnrampException.class, () -> AccessPolicy.requireMember(ALICES_TOKEN)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Caller("alice", Set.of(Role.ADMIN), ALICES_WORKSPACE), "a workspace token has no role");
    }

    @Test
    void checkingIsActingOnForEveryoneElse() {
        java.util.UUID w = java.util.UUID.randomUUID();
        assertSame(ALICE, AccessPolicy.requireChecking(ALICE, w, "alice", null));
        assertSame(ADMIN, AccessPolicy.requireChecking(ADMIN, w, "alice", null));
        assertSame(CODER, AccessPolicy.requireChecking(CODER, w, "alice", "coder-1"));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireChecking(ALICE, w, "bob", null)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> AccessPolicy.requireChecking(NOBODY, w, "mallory", null)));
        assertEquals(ErrorCode.UNAUTHENTICATED,
                refusal(() -> AccessPolicy.requireChecking(Caller.ANONYMOUS, w, "alice", null)));
    }
}
