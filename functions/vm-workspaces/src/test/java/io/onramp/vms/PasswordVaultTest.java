package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class PasswordVaultTest {

    static final PasswordVault VAULT = PasswordVault.of(Optional.of(VmTestBed.PASSWORD_KEY));

    @Test
    void sealsAndOpens() {
        String password = CodeServerPasswords.generate();
        String sealed = VAULT.encrypt(password, "alice");
        assertEquals(password, VAULT.decrypt(sealed, "alice"));
        byte[] raw = Base64.getDecoder().decode(sealed);
        assertEquals(1 + 12 + 32 + 16, raw.length, "version, nonce, ciphertext, tag");
        assertEquals(1, raw[0]);
        assertFalse(sealed.contains(password));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(password));
        assertNotEquals(sealed, VAULT.encrypt(password, "alice"), "a fresh nonce every time");
        assertFalse(VAULT.toString().contains(VmTestBed.PASSWORD_KEY));
    }

    @Test
    void aCiphertextOpensOnlyForItsOwnerUnderItsKeyAndUntouched() {
        String sealed = VAULT.encrypt("s3cret-password", "alice");
        assertUnavailable(() -> VAULT.decrypt(sealed, "bob"));
        PasswordVault other = PasswordVault.of(Optional.of(Base64.getEncoder().encodeToString(new byte[32])));
        assertUnavailable(() -> other.decrypt(sealed, "alice"));
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        assertUnavailable(() -> VAULT.decrypt(Base64.getEncoder().encodeToString(raw), "alice"));
        assertUnavailable(() -> VAULT.decrypt("not base64!", "alice"));
        assertUnavailable(() -> VAULT.decrypt("AQID", "alice"));
    }

    @Test
    void missingOrMalformedKeysNameTheSetting() {
        for (Optional<String> key : new java.util.ArrayList<>(java.util.List.of(Optional.<String> empty(),
                Optional.of(" "), Optional.of("not base64 at all!"),
                Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))) {
            PasswordVault vault = PasswordVault.of(key);
            assertFalse(vault.usable());
            OnrampException e = assertThrows(OnrampException.class, () -> vault.encrypt("x", "alice"));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("onramp.vms.password-key"), e.getMessage());
            assertThrows(OnrampException.class, vault::requireUsable);
        }
        assertTrue(VAULT.usable());
    }

    private static void assertUnavailable(org.junit.jupiter.api.function.Executable call) {
        OnrampException e = assertThrows(OnrampException.class, call);
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("cannot be decrypted"), e.getMessage());
    }
}
