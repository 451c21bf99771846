package io.onramp.vms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.onramp.core.error.OnrampException;

/**
 * Keeps VM code-server passwords encrypted at rest: AES-256-GCM under {@code onramp.vms.password-key}, a random
 * 12-byte nonce per password, the owner as associated data (a ciphertext copied to another developer's row does
 * not decrypt). Stored form: base64 of {@code version (1) || nonce (12) || ciphertext+tag}. Never logs or echoes a
 * password or the key; {@link #toString()} shows neither.
 */
public final class PasswordVault {

    static final String SETTING = "onramp.vms.password-key (ONRAMP_VMS_PASSWORD_KEY)";
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String problem;

    private PasswordVault(SecretKeySpec key, String problem) {
        this.key = key;
        this.problem = problem;
    }

    /** A vault on the configured key; without one (or with a malformed one) every use answers UNAVAILABLE. */
    public static PasswordVault of(Optional<String> base64Key) {
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            return new PasswordVault(null, "VM workspaces need " + SETTING
                    + ": base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.get().strip());
        } catch (IllegalArgumentException e) {
            return new PasswordVault(null, SETTING + " is not base64; set it to 'openssl rand -base64 32'.");
        }
        if (raw.length != 32) {
            return new PasswordVault(null, SETTING + " must decode to 32 bytes, not " + raw.length
                    + "; set it to 'openssl rand -base64 32'.");
        }
        return new PasswordVault(new SecretKeySpec(raw, "AES"), null);
    }

    public boolean usable() {
        return key != null;
    }

    /** @throws OnrampException UNAVAILABLE naming the setting when there is no usable key */
    public void requireUsable() {
        if (key == null) {
            throw OnrampException.unavailable(problem);
        }
    }

    /** The stored form of {@code password} for {@code owner}. */
    public String encrypt(String password, String owner) {
        requireUsable();
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(owner));
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The password {@link #encrypt} sealed for {@code owner}. */
    public String decrypt(String stored, String owner) {
        requireUsable();
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unreadable();
        }
        if (all.length < 1 + NONCE + TAG_BITS / 8 || all[0] != VERSION) {
            throw unreadable();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 1, NONCE));
            cipher.updateAAD(aad(owner));
            byte[] plain = cipher.doFinal(all, 1 + NONCE, all.length - 1 - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw unreadable();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(String owner) {
        return ("onramp-vm-password:" + owner).getBytes(StandardCharsets.UTF_8);
    }

    private static OnrampException unreadable() {
        return OnrampException.unavailable("The workspace's stored password cannot be decrypted with the configured "
                + SETTING + "; was the key changed?");
    }

    @Override
    public String toString() {
        return "PasswordVault[" + (key == null ? "no key" : "key set") + "]";
    }
}
