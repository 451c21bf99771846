package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class NamespaceNamesTest {

    @Test
    void cleanOwnersKeepTheirName() {
        assertEquals("onramp-alice", NamespaceNames.forOwner("alice"));
        assertEquals("onramp-bob-42", NamespaceNames.forOwner("bob-42"));
        assertEquals("onramp-7", NamespaceNames.forOwner("7"));
        String longest = "a".repeat(NamespaceNames.MAX_CLEAN_LENGTH);
        assertEquals("onramp-" + longest, NamespaceNames.forOwner(longest));
        assertEquals(63, NamespaceNames.forOwner(longest).length());
        assertEquals("alice", NamespaceNames.userPart("alice"));
    }

    @Test
    void otherOwnersAreNormalisedAndHashed() {
        String alice = NamespaceNames.forOwner("Alice@Example.com");
        assertTrue(alice.matches("onramp-alice-example-com-[0-9a-f]{12}"), alice);
        assertEquals(alice, NamespaceNames.forOwner("Alice@Example.com"), "deterministic");
        assertNotEquals(alice, NamespaceNames.forOwner("alice@example.com"));
        assertNotEquals(NamespaceNames.forOwner("Alice"), NamespaceNames.forOwner("alice"));
        assertTrue(NamespaceNames.forOwner("José Müller").startsWith("onramp-jose-muller-"));
        assertTrue(NamespaceNames.forOwner("-bob-").startsWith("onramp-bob-"));
        assertEquals("onramp-a--b", NamespaceNames.forOwner("a--b"), "a valid DNS label already");
        assertTrue(NamespaceNames.forOwner("a__b").startsWith("onramp-a-b-"));
        assertTrue(NamespaceNames.forOwner("  spaced  out ").startsWith("onramp-spaced-out-"));
        String tooLong = "b".repeat(NamespaceNames.MAX_CLEAN_LENGTH + 1);
        String name = NamespaceNames.forOwner(tooLong);
        assertEquals(63, name.length());
        assertTrue(name.matches("onramp-b{43}-[0-9a-f]{12}"), name);
    }

    @Test
    void cleanOwnersThatLookHashedAreHashedToo() {
        String hashed = NamespaceNames.userPart("Alice");
        // someone registering the hashed form as their owner name must not get Alice's namespace
        assertNotEquals(NamespaceNames.forOwner("Alice"), NamespaceNames.forOwner(hashed));
        assertTrue(NamespaceNames.forOwner(hashed).startsWith("onramp-" + hashed + "-"));
    }

    @Test
    void unmappableOwnersAreBadInput() {
        for (String owner : new String[] {null, "", "   ", "@@@", "---", "日本語", "😀😀", "\t\n"}) {
            OnrampException e = assertThrows(OnrampException.class, () -> NamespaceNames.forOwner(owner),
                    String.valueOf(owner));
            assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
            assertTrue(e.getMessage().contains("at least one ASCII letter or digit"), e.getMessage());
        }
    }

    @Test
    void tenThousandRandomOwnersNeverCollideAndAreValidLabels() {
        Random random = new Random(20240611L);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+ äöüéßÅ日本😀";
        int[] codePoints = alphabet.codePoints().toArray();
        List<String> owners = new ArrayList<>();
        while (owners.size() < 10_000) {
            int kind = random.nextInt(4);
            String owner;
            if (kind == 0) {
                // near-duplicates of one prefix: case and punctuation variants
                owner = variant("alice", random) + random.nextInt(50);
            } else if (kind == 1) {
                // clean lowercase names, some long, some ending in hex
                owner = clean(random) + (random.nextBoolean() ? "-" + Long.toHexString(random.nextLong()) : "");
            } else {
                StringBuilder b = new StringBuilder();
                int length = 1 + random.nextInt(kind == 2 ? 12 : 90);
                for (int i = 0; i < length; i++) {
                    b.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                }
                owner = b.toString();
            }
            owners.add(owner);
            if (random.nextInt(10) == 0) {
                try {
                    owners.add(NamespaceNames.userPart(owner)); // adversarial: the hashed form as an owner
                } catch (OnrampException e) {
                    // unmappable: fine
                }
            }
        }
        Map<String, String> byName = new HashMap<>();
        int mapped = 0;
        for (String owner : owners) {
            String name;
            try {
                name = NamespaceNames.forOwner(owner);
            } catch (OnrampException e) {
                assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
                assertTrue(NamespaceNames.normalise(owner).isEmpty(), owner);
                continue;
            }
            mapped++;
            assertTrue(NamespaceNames.isDnsLabel(name), name);
            assertTrue(name.length() <= 63, name);
            assertTrue(name.startsWith("onramp-"), name);
            assertTrue(Selectors.isLabelValue(NamespaceNames.userPart(owner)), owner);
            assertEquals(name, NamespaceNames.forOwner(owner), "deterministic");
            String previous = byName.putIfAbsent(name, owner);
            if (previous != null) {
                assertEquals(previous, owner, "collision: '" + previous + "' and '" + owner + "' -> " + name);
            }
        }
        assertTrue(mapped > 9_000, "mapped " + mapped);
    }

    private static String variant(String base, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            if (random.nextInt(4) == 0) {
                b.append(".@_ -".charAt(random.nextInt(5)));
            }
        }
        return b.toString();
    }

    private static String clean(Random random) {
        StringBuilder b = new StringBuilder();
        int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            b.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return b.toString();
    }
}
