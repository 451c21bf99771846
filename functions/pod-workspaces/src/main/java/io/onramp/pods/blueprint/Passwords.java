package io.onramp.pods.blueprint;

import java.security.SecureRandom;

/** The code-server password: {@value #LENGTH} characters from [A-Za-z0-9] drawn with {@link SecureRandom}. */
public final class Passwords {

    public static final int LENGTH = 32;
    /** Shortest password {@link NamespaceBlueprint} accepts from a supplier. */
    public static final int MIN_LENGTH = 24;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A new random password (about 190 bits). Never log it. */
    public static String generate() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
