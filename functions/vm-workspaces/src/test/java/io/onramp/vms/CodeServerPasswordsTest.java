package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CodeServerPasswordsTest {

    /**
     * Argon2id of "password" with salt "somesalt", m=65536 KiB, t=2, p=4, 32 bytes: the reference implementation's
     * parameters (phc-winner-argon2 README); verified with the argon2 npm package 0.45.1, which code-server uses.
     */
    static final String KNOWN = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo";

    @Test
    void knownVector() {
        assertEquals(KNOWN, CodeServerPasswords.encode("password", "somesalt".getBytes(StandardCharsets.US_ASCII),
                65536, 2, 4, 32));
        assertTrue(CodeServerPasswords.matches("password", KNOWN));
        assertFalse(CodeServerPasswords.matches("Password", KNOWN));
    }

    @Test
    void hashesArePhcStringsWithFreshSalts() {
        String a = CodeServerPasswords.hash("correct horse");
        String b = CodeServerPasswords.hash("correct horse");
        assertNotEquals(a, b, "random salt");
        assertTrue(a.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), a);
        assertTrue(CodeServerPasswords.matches("correct horse", a));
        assertTrue(CodeServerPasswords.matches("correct horse", b));
        assertFalse(CodeServerPasswords.matches("correct horse ", a));
        assertFalse(a.contains("correct"));
        assertFalse(CodeServerPasswords.matches("x", "$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$abc"));
    }

    @Test
    void generatedPasswordsAreLongRandomAndAlphanumeric() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = CodeServerPasswords.generate();
            assertEquals(32, p.length());
            assertTrue(p.matches("[A-Za-z0-9]{32}"));
            assertTrue(seen.add(p));
        }
    }
}
