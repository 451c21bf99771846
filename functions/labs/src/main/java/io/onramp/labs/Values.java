package io.onramp.labs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scalars as the check DSL sees them: equality rules and text forms of content/README.md section 4.1. */
public final class Values {

    private Values() {
    }

    /** Strings, numbers and booleans; not maps, lists or null. */
    public static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** A number as an exact decimal; empty for non-numbers (and for NaN or infinities). */
    public static Optional<BigDecimal> number(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(new BigDecimal(Double.toString(d))) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The text form: strings as they are, booleans {@code true}/{@code false}, numbers in plain decimal notation
     * (integers without a fraction). Null for maps, lists and null.
     */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        Optional<BigDecimal> n = number(value);
        if (n.isPresent()) {
            BigDecimal d = n.get();
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return null;
    }

    /**
     * Whether {@code actual} equals {@code expected}, first rule that applies: suffixed quantity vs quantity, number vs
     * number, then text forms. Maps and lists are never equal to anything.
     */
    public static boolean equal(Object expected, Object actual) {
        if (!isScalar(expected) || !isScalar(actual)) {
            return false;
        }
        if (Quantities.hasUnitSuffix(expected)) {
            Optional<BigDecimal> a = Quantities.parse(actual);
            if (a.isPresent()) {
                return Quantities.parse(expected).orElseThrow().compareTo(a.get()) == 0;
            }
        }
        Optional<BigDecimal> e = number(expected);
        Optional<BigDecimal> a = number(actual);
        if (e.isPresent() && a.isPresent()) {
            return e.get().compareTo(a.get()) == 0;
        }
        return text(expected).equals(text(actual));
    }

    /** A short rendering for messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            String s = String.valueOf(value);
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
        return String.valueOf(text(value));
    }
}
