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
}
