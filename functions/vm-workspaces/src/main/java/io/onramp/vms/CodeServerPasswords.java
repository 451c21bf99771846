package io.onramp.vms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * code-server passwords of VM workspaces: generated with {@link SecureRandom}, and hashed for code-server's
 * {@code hashed-password} setting as an Argon2id PHC string ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash},
 * unpadded standard base64), the format of the {@code argon2} npm package code-server verifies with. Costs follow
 * OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane): the password is random, so the hash only has to resist
 * offline guessing of 190 random bits.
 */
final class CodeServerPasswords {

    static final int LENGTH = 32;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private CodeServerPasswords() {
    }

    /** A new password of {@value #LENGTH} characters from [A-Za-z0-9] (about 190 bits). Never log it. */
    static String generate() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** The Argon2id PHC string of {@code password} with a fresh random salt. */
    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    }

    /** The PHC string for the given salt and costs (also used by tests with known vectors). */
    static String encode(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        byte[] hash = argon2id(password, salt, memoryKib, iterations, parallelism, length);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code encoded} (an Argon2id PHC string) is the hash of {@code password}. */
    static boolean matches(String password, String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(m.group(4));
        byte[] expected = b64.decode(m.group(5));
        byte[] actual = argon2id(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
