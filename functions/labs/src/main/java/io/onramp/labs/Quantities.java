package io.onramp.labs;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes {@code resource.Quantity} values ({@code 500m}, {@code 128Mi}, {@code 1e3}, {@code 2}) as exact decimals.
 * Numbers are quantities too, so {@code gte: 2} works on {@code spec.replicas}.
 */
public final class Quantities {

    /** content/README.md section 4.1; the exponent alternatives come before the {@code E} (exa) suffix. */
    private static final Pattern QUANTITY = Pattern.compile(
            "^([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(?:([eE][+-]?\\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1024L)),
            Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024)));

    private Quantities() {
    }

    /** The value of a number or a quantity string; empty for anything else (maps, lists, booleans, other text). */
    public static Optional<BigDecimal> parse(Object value) {
        if (value instanceof Number) {
            return Values.number(value);
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(2).startsWith(".") ? "0" + m.group(2) : stripDot(m.group(2)));
        if (m.group(3) != null) {
            amount = amount.scaleByPowerOfTen(Integer.parseInt(m.group(3).substring(1).replace("+", "")));
        } else if (m.group(4) != null) {
            amount = amount.multiply(SUFFIXES.get(m.group(4)));
        }
        return Optional.of("-".equals(m.group(1)) ? amount.negate() : amount);
    }

    /** Whether {@code text} is a quantity with a unit suffix ({@code 250m}, {@code 1Gi}), the rule 1 of equality. */
    public static boolean hasUnitSuffix(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        Matcher m = QUANTITY.matcher(text);
        return m.matches() && m.group(4) != null;
    }

    /** Whether the value is a number or a string in quantity syntax. */
    public static boolean isQuantity(Object value) {
        return parse(value).isPresent();
    }

    /** The value, failing for a non-quantity (for trusted inputs such as configuration). */
    public static BigDecimal of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a quantity: " + text));
    }

    private static String stripDot(String number) {
        return number.endsWith(".") ? number.substring(0, number.length() - 1) : number;
    }
}
