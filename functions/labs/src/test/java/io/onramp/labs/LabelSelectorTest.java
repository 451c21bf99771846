package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> STABLE = Map.of("app", "web", "release", "stable",
            "app.kubernetes.io/part-of", "shop");
    private static final Map<String, String> CANARY = Map.of("app", "web", "release", "canary", "legacy", "yes");

    @Test
    void equalityBased() {
        assertTrue(LabelSelector.parse("app=web").matches(STABLE));
        assertTrue(LabelSelector.parse("app==web").matches(STABLE));
        assertTrue(LabelSelector.parse("app = web , release=stable").matches(STABLE));
        assertFalse(LabelSelector.parse("app=web,release=stable").matches(CANARY));
        assertTrue(LabelSelector.parse("release!=stable").matches(CANARY));
        assertTrue(LabelSelector.parse("tier!=frontend").matches(STABLE), "!= matches objects without the key");
        assertTrue(LabelSelector.parse("app.kubernetes.io/part-of=shop").matches(STABLE));
    }

    @Test
    void setBased() {
        LabelSelector in = LabelSelector.parse("app=web,release in (stable, canary),!legacy");
        assertTrue(in.matches(STABLE));
        assertFalse(in.matches(CANARY), "!legacy");
        assertTrue(LabelSelector.parse("release notin (canary)").matches(STABLE));
        assertTrue(LabelSelector.parse("tier notin (a,b)").matches(STABLE), "notin matches objects without the key");
        assertFalse(LabelSelector.parse("release in (beta)").matches(STABLE));
        assertFalse(LabelSelector.parse("tier in (a)").matches(STABLE), "in needs the key");
        assertTrue(LabelSelector.parse("legacy").matches(CANARY));
        assertFalse(LabelSelector.parse("legacy").matches(STABLE));
        assertEquals(3, in.requirements().size());
        assertTrue(LabelSelector.parse("").isEmpty());
        assertTrue(LabelSelector.parse("").matches(Map.of()));
    }

    @Test
    void fromObjectsAndMaps() {
        LabelSelector s = LabelSelector.fromObject(Map.of("matchLabels", Map.of("app", "web"),
                "matchExpressions", List.of(
                        Map.of("key", "release", "operator", "In", "values", List.of("stable", "canary")),
                        Map.of("key", "legacy", "operator", "DoesNotExist"),
                        Map.of("key", "app", "operator", "Exists"),
                        Map.of("key", "tier", "operator", "NotIn", "values", List.of("db")))));
        assertTrue(s.matches(STABLE));
        assertFalse(s.matches(CANARY));
        assertTrue(LabelSelector.fromObject(Map.of()).matches(STABLE), "{} matches everything");
        assertTrue(LabelSelector.fromMap(Map.of("app", "web")).matches(CANARY));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromObject(Map.of("matchExpressions",
                List.of(Map.of("key", "a", "operator", "Near")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app in (a", "app)", "app=we b", ",app=web", "-app=x", "app in (x y)", "a=b=c",
            "Example.COM/x=y", "app=" + "x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x-x"})
    void invalidSelectors(String text) {
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(text), text);
    }
}
