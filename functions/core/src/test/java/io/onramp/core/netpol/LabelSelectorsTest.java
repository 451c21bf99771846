package io.onramp.core.netpol;

import static io.onramp.core.netpol.Fixtures.expr;
import static io.onramp.core.netpol.Fixtures.labels;
import static io.onramp.core.netpol.Fixtures.sel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;

class LabelSelectorsTest {

    static final Map<String, String> WEB = labels("app", "web", "tier", "front");

    @Test
    void emptySelectorMatchesEverything() {
        assertTrue(LabelSelectors.matches(new LabelSelector(), Map.of()));
        assertTrue(LabelSelectors.matches(sel(), WEB));
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        assertTrue(LabelSelectors.matches(sel("app", "web"), WEB));
        assertTrue(LabelSelectors.matches(sel("app", "web", "tier", "front"), WEB));
        assertFalse(LabelSelectors.matches(sel("app", "web", "tier", "back"), WEB));
        assertFalse(LabelSelectors.matches(sel("app", "db"), WEB));
        assertFalse(LabelSelectors.matches(sel("app", "web"), Map.of()));
    }

    @Test
    void in() {
        assertTrue(LabelSelectors.matches(expr("app", "In", "web", "api"), WEB));
        assertFalse(LabelSelectors.matches(expr("app", "In", "db"), WEB));
        assertFalse(LabelSelectors.matches(expr("missing", "In", "x"), WEB));
    }

    @Test
    void notInMatchesAbsentKeys() {
        assertFalse(LabelSelectors.matches(expr("app", "NotIn", "web"), WEB));
        assertTrue(LabelSelectors.matches(expr("app", "NotIn", "db"), WEB));
        assertTrue(LabelSelectors.matches(expr("missing", "NotIn", "x"), WEB));
    }

    @Test
    void existsAndDoesNotExist() {
        assertTrue(LabelSelectors.matches(expr("tier", "Exists"), WEB));
        assertFalse(LabelSelectors.matches(expr("missing", "Exists"), WEB));
        assertTrue(LabelSelectors.matches(expr("missing", "DoesNotExist"), WEB));
        assertFalse(LabelSelectors.matches(expr("tier", "DoesNotExist"), WEB));
    }

    @Test
    void matchLabelsAndExpressionsAreAnded() {
        LabelSelector both = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
                .withMatchExpressions(new LabelSelectorRequirementBuilder().withKey("tier").withOperator("In")
                        .withValues("back").build())
                .build();
        assertFalse(LabelSelectors.matches(both, WEB));
        assertTrue(LabelSelectors.matches(both, labels("app", "web", "tier", "back")));
    }

    @Test
    void invalidRequirementsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelSelectors.matches(expr("app", "Equals", "web"), WEB));
        assertThrows(IllegalArgumentException.class, () -> LabelSelectors.matches(expr("app", "In"), WEB));
        assertThrows(IllegalArgumentException.class, () -> LabelSelectors.matches(expr("app", "Exists", "web"), WEB));
    }

    @Test
    void describe() {
        assertEquals("{}", LabelSelectors.describe(sel()));
        assertEquals("null", LabelSelectors.describe(null));
        assertEquals("{app=web, tier In (a,b)}", LabelSelectors.describe(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app", "web")).withMatchExpressions(new LabelSelectorRequirementBuilder()
                        .withKey("tier").withOperator("In").withValues("a", "b").build())
                .build()));
    }
}
