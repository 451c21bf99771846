package io.onramp.core.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.onramp.core.error.OnrampException;

/**
 * {@code first}/{@code after} cursor pagination over rows with a growing numeric key. Cursors are opaque to clients
 * (base64url of the key) and checked on the way in.
 */
public record PageRequest(int first, Long afterKey) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer first, String after) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 1 || size > MAX_SIZE) {
            throw OnrampException.badInput("'first' must be between 1 and " + MAX_SIZE + ".");
        }
        return new PageRequest(size, decode(after));
    }

    public static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("k:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(2));
        } catch (IllegalArgumentException e) {
            throw OnrampException.badInput("'after' is not a cursor this API returned.");
        }
    }
}
