package io.onramp.labs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector, evaluated by Onramp itself (the fabric8 mock server behind the sandbox ignores
 * set-based requirements). String form: comma = AND; {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)},
 * {@code k notin (a,b)}, {@code k} (exists), {@code !k} (does not exist). {@code !=} and {@code notin} match objects
 * that lack the key. Also built from a {@code LabelSelector} object ({@code matchLabels}, {@code matchExpressions}).
 */
public final class LabelSelector {

    /** Operators of a requirement. */
    public enum Operator {
        EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST
    }

    /** One requirement; {@code values} is empty for EXISTS and DOES_NOT_EXIST. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public Requirement {
            values = Set.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }
    }

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** True when there is no requirement (matches everything). */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** Whether every requirement holds for {@code labels} (null = no labels). */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(l));
    }

    /**
     * Parses a selector string.
     *
     * @throws IllegalArgumentException with the reason when it does not parse or a key or value is not valid
     */
    public static LabelSelector parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("the selector is missing");
        }
        List<Requirement> out = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                if (text.isBlank()) {
                    continue;
                }
                throw new IllegalArgumentException("selector '" + text + "' has an empty requirement");
            }
            out.add(requirement(text, p));
        }
        return new LabelSelector(text, out);
    }

    /** Whether the selector string parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * From a {@code LabelSelector} object as a map ({@code matchLabels}, {@code matchExpressions} with {@code In},
     * {@code NotIn}, {@code Exists}, {@code DoesNotExist}). A null or empty object matches everything.
     *
     * @throws IllegalArgumentException for an unknown operator
     */
    public static LabelSelector fromObject(Object selector) {
        List<Requirement> out = new ArrayList<>();
        if (selector instanceof Map<?, ?> map) {
            if (map.get("matchLabels") instanceof Map<?, ?> labels) {
                labels.forEach((k, v) -> out.add(new Requirement(String.valueOf(k), Operator.EQUALS,
                        Set.of(String.valueOf(Values.text(v))))));
            }
            if (map.get("matchExpressions") instanceof List<?> expressions) {
                for (Object e : expressions) {
                    if (!(e instanceof Map<?, ?> expression)) {
                        continue;
                    }
                    String key = String.valueOf(expression.get("key"));
                    Set<String> values = new LinkedHashSet<>();
                    if (expression.get("values") instanceof List<?> list) {
                        list.forEach(v -> values.add(String.valueOf(Values.text(v))));
                    }
                    String op = String.valueOf(expression.get("operator"));
                    Operator operator = switch (op) {
                        case "In" -> Operator.IN;
                        case "NotIn" -> Operator.NOT_IN;
                        case "Exists" -> Operator.EXISTS;
                        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                        default -> throw new IllegalArgumentException("unknown matchExpressions operator " + op);
                    };
                    out.add(new Requirement(key, operator, values));
                }
            }
        }
        return new LabelSelector(String.valueOf(selector), out);
    }

    /** From a Service-style {@code selector} map: every pair must match; null or empty matches everything. */
    public static LabelSelector fromMap(Map<?, ?> pairs) {
        List<Requirement> out = new ArrayList<>();
        if (pairs != null) {
            pairs.forEach((k, v) -> out.add(new Requirement(String.valueOf(k), Operator.EQUALS,
                    Set.of(String.valueOf(Values.text(v))))));
        }
        return new LabelSelector(String.valueOf(pairs), out);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("selector '" + text + "' has an unbalanced ')'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("selector '" + text + "' has an unclosed '('");
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Requirement requirement(String text, String p) {
        if (p.startsWith("!")) {
            String key = p.substring(1).trim();
            checkKey(text, key);
            return new Requirement(key, Operator.DOES_NOT_EXIST, Set.of());
        }
        int ne = p.indexOf("!=");
        if (ne >= 0) {
            return pair(text, p.substring(0, ne), p.substring(ne + 2), Operator.NOT_EQUALS);
        }
        int eqeq = p.indexOf("==");
        if (eqeq >= 0) {
            return pair(text, p.substring(0, eqeq), p.substring(eqeq + 2), Operator.EQUALS);
        }
        int eq = p.indexOf('=');
        if (eq >= 0) {
            return pair(text, p.substring(0, eq), p.substring(eq + 1), Operator.EQUALS);
        }
        var set = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(p);
        if (set.matches()) {
            String key = set.group(1);
            checkKey(text, key);
            Set<String> values = new LinkedHashSet<>();
            for (String v : set.group(3).split(",", -1)) {
                String value = v.trim();
                checkValue(text, value);
                values.add(value);
            }
            return new Requirement(key, set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        if (p.matches("\\S+")) {
            checkKey(text, p);
            return new Requirement(p, Operator.EXISTS, Set.of());
        }
        throw new IllegalArgumentException("selector '" + text + "': cannot read requirement '" + p + "'");
    }

    private static Requirement pair(String text, String k, String v, Operator operator) {
        String key = k.trim();
        String value = v.trim();
        checkKey(text, key);
        checkValue(text, value);
        return new Requirement(key, operator, Set.of(value));
    }

    /** Whether {@code key} is a valid label key ({@code [prefix/]name}). */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return name.length() <= 63 && NAME.matcher(name).matches();
    }

    /** Whether {@code value} is a valid label value (empty allowed). */
    public static boolean isValidValue(String value) {
        return value.isEmpty() || value.length() <= 63 && NAME.matcher(value).matches();
    }

    private static void checkKey(String text, String key) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("selector '" + text + "': '" + key + "' is not a valid label key");
        }
    }

    private static void checkValue(String text, String value) {
        if (!isValidValue(value)) {
            throw new IllegalArgumentException("selector '" + text + "': '" + value + "' is not a valid label value");
        }
    }

    @Override
    public String toString() {
        return requirements.isEmpty() ? text
                : requirements.stream().map(r -> r.key() + " " + r.operator() + " " + r.values())
                        .collect(Collectors.joining(", "));
    }

    /** The text it was parsed from (for string selectors). */
    public String text() {
        return text;
    }
}
