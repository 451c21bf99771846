package io.onramp.pods.blueprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import io.onramp.core.error.OnrampException;

/**
 * Owner -> namespace name: deterministic, a DNS-1123 label of at most 63 characters, and collision-safe.
 *
 * <ul>
 * <li>An owner that already is a clean DNS label part ({@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most
 * {@value #MAX_CLEAN_LENGTH} characters) and does not end in {@code -<}{@value #HASH_LENGTH}{@code  hex digits>} maps
 * to {@code onramp-<owner>}.</li>
 * <li>Any other owner is normalised (accents stripped, lowercased, every run of characters other than {@code a-z0-9}
 * replaced by one {@code -}, {@code -} trimmed, cut to {@value #MAX_NORMALISED_LENGTH} characters) and gets
 * {@code -<first }{@value #HASH_LENGTH}{@code  hex digits of SHA-256(owner, UTF-8)>}.</li>
 * </ul>
 *
 * Clean names never end in such a suffix and hashed names always do, so the two forms cannot meet; two hashed names
 * are equal only if both the normalised prefix and 48 bits of SHA-256 of the owners are equal. The hash is 12 hex
 * digits rather than 8 so that even thousands of owners sharing one normalised prefix ({@code Alice}, {@code ALICE},
 * {@code alice@x}...) stay far from a birthday collision.
 */
public final class NamespaceNames {

    public static final String PREFIX = "onramp-";
    public static final int MAX_LENGTH = 63;
    public static final int HASH_LENGTH = 12;
    public static final int MAX_CLEAN_LENGTH = MAX_LENGTH - 7; // "onramp-"
    public static final int MAX_NORMALISED_LENGTH = MAX_LENGTH - 7 - 1 - HASH_LENGTH;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern HASH_SUFFIX = Pattern.compile("-[0-9a-f]{" + HASH_LENGTH + "}$");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final String ALLOWED = "an owner name must contain at least one ASCII letter or digit (a-z, A-Z, "
            + "0-9, also after removing accents); other characters are allowed but replaced by '-'";

    private NamespaceNames() {
    }

    /**
     * The namespace of an owner, {@code onramp-<user part>}.
     *
     * @throws OnrampException bad input when the owner is null, blank or has no letter or digit
     */
    public static String forOwner(String owner) {
        return PREFIX + userPart(owner);
    }

    /**
     * The namespace name without {@code onramp-}: a DNS label of at most {@value #MAX_CLEAN_LENGTH} characters, also
     * a valid label value. Used as the {@code onramp.io/owner} label and as {@code {user}} in the IDE host name.
     *
     * @throws OnrampException bad input when the owner is null, blank or has no letter or digit
     */
    public static String userPart(String owner) {
        if (owner == null || owner.isBlank()) {
            throw OnrampException.badInput("The owner is missing: " + ALLOWED + ".");
        }
        if (isClean(owner)) {
            return owner;
        }
        String normalised = normalise(owner);
        if (normalised.isEmpty()) {
            throw OnrampException.badInput("Cannot derive a namespace name from this owner: " + ALLOWED + ".");
        }
        return normalised + "-" + hash(owner);
    }

    /** True when {@code name} is a DNS-1123 label (lowercase alphanumerics and '-', at most 63 characters). */
    public static boolean isDnsLabel(String name) {
        return name != null && name.length() <= MAX_LENGTH && DNS_LABEL.matcher(name).matches();
    }

    static boolean isClean(String owner) {
        return owner.length() <= MAX_CLEAN_LENGTH && DNS_LABEL.matcher(owner).matches()
                && !HASH_SUFFIX.matcher(owner).find();
    }

    static String normalise(String owner) {
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(owner, Normalizer.Form.NFKD)).replaceAll("");
        String dashed = NOT_ALPHANUMERIC.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        String trimmed = trimDashes(dashed);
        if (trimmed.length() > MAX_NORMALISED_LENGTH) {
            trimmed = trimDashes(trimmed.substring(0, MAX_NORMALISED_LENGTH));
        }
        return trimmed;
    }

    static String hash(String owner) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
