package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Operators, equality rules and Kubernetes quantities of content/README.md section 4.1. */
class ExpectationTest {

    private static final Map<String, Object> OBJ = Map.of(
            "spec", Map.of(
                    "replicas", 3,
                    "ratio", 1.0,
                    "port", "8080",
                    "enabled", true,
                    "cpu", "250m",
                    "memory", "1Gi",
                    "policyTypes", List.of("Ingress", "Egress"),
                    "ports", List.of(Map.of("port", 53), Map.of("port", "http")),
                    "empty", Map.of(),
                    "command", List.of("sh", "-c", "echo hi; sleep 3600")));

    private static boolean holds(String path, Operator op, Object expected) {
        return new Expectation(FieldPath.parse(path), op, expected).holds(OBJ);
    }

    @Test
    void equalsFollowsTheThreeRules() {
        assertFalse(holds("spec.cpu", Operator.EQUALS, "0.25"), "quantity rule needs a suffix on the expected side");
        assertTrue(Values.equal("250m", 0.25), "250m equals 0.25");
        assertTrue(holds("spec.cpu", Operator.EQUALS, "250m"));
        assertFalse(holds("spec.cpu", Operator.EQUALS, 0.25), "expected number vs string: text forms differ");
        assertTrue(holds("spec.memory", Operator.EQUALS, "1024Mi"));
        assertTrue(holds("spec.replicas", Operator.EQUALS, 3L));
        assertTrue(holds("spec.replicas", Operator.EQUALS, new BigDecimal("3.0")), "numbers compare numerically");
        assertTrue(holds("spec.ratio", Operator.EQUALS, 1L), "1 equals 1.0");
        assertTrue(holds("spec.port", Operator.EQUALS, 8080L), "8080 matches \"8080\" by text");
        assertTrue(holds("spec.enabled", Operator.EQUALS, "true"), "\"true\" matches true by text");
        assertFalse(holds("spec.replicas", Operator.EQUALS, "3.0"), "text forms: 3 vs 3.0");
        assertFalse(holds("spec.empty", Operator.EQUALS, "{}"), "maps never equal anything");
        assertFalse(holds("spec.policyTypes", Operator.EQUALS, "Ingress"), "lists never equal anything");
        assertTrue(Values.equal("1", 1000) == false && Values.equal("1000m", 1), "1000m equals 1");
    }

    @Test
    void otherOperators() {
        assertTrue(holds("spec.ports[*].port", Operator.ONE_OF, List.of(8080L, "http")));
        assertFalse(holds("spec.ports[*].port", Operator.ONE_OF, List.of(80L, "web")));
        assertTrue(holds("spec.command[*]", Operator.MATCHES, ".*; sleep 3600"));
        assertFalse(holds("spec.command[*]", Operator.MATCHES, "sleep"), "full match, not find");
        assertTrue(holds("spec.replicas", Operator.MATCHES, "\\d"), "numbers match by text form");
        assertTrue(holds("spec.empty", Operator.EXISTS, true), "{} exists");
        assertTrue(holds("spec.absent", Operator.EXISTS, false));
        assertFalse(holds("spec.empty", Operator.EXISTS, false));
        assertTrue(holds("spec.policyTypes", Operator.CONTAINS, "Egress"));
        assertFalse(holds("spec.policyTypes", Operator.CONTAINS, "Other"));
        assertFalse(holds("spec.replicas", Operator.CONTAINS, 3L), "contains needs a list");
    }

    @Test
    void comparisonsUseQuantities() {
        assertTrue(holds("spec.replicas", Operator.GTE, 2L));
        assertTrue(holds("spec.replicas", Operator.GTE, 3L));
        assertFalse(holds("spec.replicas", Operator.GT, 3L));
        assertTrue(holds("spec.replicas", Operator.LT, "4"));
        assertTrue(holds("spec.memory", Operator.GTE, "512Mi"));
        assertTrue(holds("spec.memory", Operator.LTE, "1Gi"));
        assertFalse(holds("spec.memory", Operator.LT, "1024Mi"));
        assertTrue(holds("spec.cpu", Operator.LT, "0.3"));
        assertTrue(holds("spec.cpu", Operator.GT, "200m"));
        assertFalse(holds("spec.enabled", Operator.GT, 0L), "booleans are not quantities");
        assertTrue(holds("spec.port", Operator.GT, 80L), "numeric strings are quantities");
    }

    @ParameterizedTest
    @CsvSource({"500m,0.5", "128Mi,134217728", "1Gi,1073741824", "1e3,1000", "1.5,1.5", "2k,2000", "1E,1e18",
            "100u,0.0001", "3n,0.000000003", ".5,0.5", "5.,5", "+1Ki,1024", "-2,-2", "1E3,1000"})
    void quantitiesAgreeWithFabric8(String text, String value) {
        BigDecimal ours = Quantities.parse(text).orElseThrow();
        assertEquals(0, ours.compareTo(new BigDecimal(value)), text);
        if (!text.startsWith("+") && !text.startsWith(".") && !text.endsWith(".")) {
            assertEquals(0, ours.compareTo(Quantity.getAmountInBytes(new Quantity(text))), "fabric8 for " + text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "1mi", "1 Gi", "1Gb", "0x10", "1e", "abc", "1.2.3"})
    void notQuantities(String text) {
        assertFalse(Quantities.isQuantity(text), text);
    }

    @Test
    void unitSuffixes() {
        assertTrue(Quantities.hasUnitSuffix("250m"));
        assertTrue(Quantities.hasUnitSuffix("5E"));
        assertFalse(Quantities.hasUnitSuffix("5e3"));
        assertFalse(Quantities.hasUnitSuffix("300s"));
        assertFalse(Quantities.hasUnitSuffix(5));
        assertEquals("0.25", Values.text(new BigDecimal("0.250")));
        assertEquals("1", Values.text(1.0));
        assertEquals("100", Values.text(new BigDecimal("1E+2")));
    }
}
