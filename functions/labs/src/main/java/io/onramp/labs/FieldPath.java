package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field path of the check DSL (content/README.md section 4.1): dotted keys, {@code ['quoted.key']}, list index
 * {@code [0]}, every element {@code [*]}, and {@code [name=value]} (list elements whose own {@code name} field has
 * that text). Resolution walks maps and lists and yields a set of values; anything that does not fit (a key on a
 * list, an index out of range, a missing key, a JSON null) yields nothing for that branch.
 */
public final class FieldPath {

    /** One step of a path. */
    public sealed interface Segment permits Key, Index, Every, NameIs {
    }

    /** A map key. */
    public record Key(String name) implements Segment {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A list index, 0-based. */
    public record Index(int index) implements Segment {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [*]}: every element of a list. */
    public record Every() implements Segment {
        @Override
        public String toString() {
            return "[*]";
        }
    }

    /** {@code [name=value]}: list elements that are maps whose {@code name} field has the text {@code value}. */
    public record NameIs(String value) implements Segment {
        @Override
        public String toString() {
            return "[name=" + value + "]";
        }
    }

    /**
     * Where a resolved value lives: {@code container} is the map or list holding it, {@code key} its map key
     * (String) or list index (Integer). Lets tools change or remove what a path points to.
     */
    public record Location(Object container, Object key, Object value) {

        /** Replaces the value in its container. */
        @SuppressWarnings("unchecked")
        public void set(Object newValue) {
            if (container instanceof Map<?, ?> map) {
                ((Map<Object, Object>) map).put(key, newValue);
            } else {
                ((List<Object>) container).set((Integer) key, newValue);
            }
        }

        /** Removes the entry (map) or the element (list) from its container. */
        public void remove() {
            if (container instanceof Map<?, ?> map) {
                map.remove(key);
            } else {
                ((List<?>) container).remove((int) (Integer) key);
            }
        }
    }

    private final String text;
    private final List<Segment> segments;

    private FieldPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Whether the path contains {@code [*]} or {@code [name=...]} (it may resolve to several values). */
    public boolean isMultiValued() {
        return segments.stream().anyMatch(s -> s instanceof Every || s instanceof NameIs);
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with the position and the reason when the path does not parse
     */
    public static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the path is empty");
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean first = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close;
                if (i + 1 < n && text.charAt(i + 1) == '\'') {
                    int quote = text.indexOf('\'', i + 2);
                    if (quote < 0 || quote + 1 >= n || text.charAt(quote + 1) != ']') {
                        throw bad(text, i, "a quoted key must look like ['key']");
                    }
                    if (quote == i + 2) {
                        throw bad(text, i, "a quoted key must not be empty");
                    }
                    out.add(new Key(text.substring(i + 2, quote)));
                    close = quote + 1;
                } else {
                    if (first) {
                        throw bad(text, i, "a path starts with a key or ['key']");
                    }
                    close = text.indexOf(']', i + 1);
                    if (close < 0) {
                        throw bad(text, i, "missing ]");
                    }
                    String inner = text.substring(i + 1, close);
                    if (inner.equals("*")) {
                        out.add(new Every());
                    } else if (inner.matches("\\d+")) {
                        try {
                            out.add(new Index(Integer.parseInt(inner)));
                        } catch (NumberFormatException e) {
                            throw bad(text, i, "the index is too large");
                        }
                    } else if (inner.startsWith("name=") && inner.length() > 5) {
                        out.add(new NameIs(inner.substring(5)));
                    } else {
                        throw bad(text, i, "brackets hold an index, *, name=value or a quoted key, not '" + inner + "'");
                    }
                }
                i = close + 1;
            } else if (c == '.') {
                if (first) {
                    throw bad(text, i, "a path must not start with '.'");
                }
                int end = keyEnd(text, i + 1);
                if (end == i + 1) {
                    throw bad(text, i, "'.' must be followed by a key");
                }
                out.add(new Key(text.substring(i + 1, end)));
                i = end;
            } else {
                if (!first) {
                    throw bad(text, i, "expected '.' or '['");
                }
                int end = keyEnd(text, i);
                if (end == i) {
                    throw bad(text, i, "unexpected character '" + c + "'");
                }
                out.add(new Key(text.substring(i, end)));
                i = end;
            }
            first = false;
        }
        return new FieldPath(text, out);
    }

    /** Whether {@code text} parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int keyEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '\'' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static IllegalArgumentException bad(String text, int at, String why) {
        return new IllegalArgumentException("path '" + text + "' at position " + (at + 1) + ": " + why);
    }

    /** The non-null values the path resolves to in {@code root}, in document order. */
    public List<Object> resolve(Object root) {
        List<Object> out = new ArrayList<>();
        for (Location l : locate(root)) {
            out.add(l.value());
        }
        return out;
    }

    /** Where the non-null values the path resolves to live, in document order. */
    public List<Location> locate(Object root) {
        List<Location> current = new ArrayList<>();
        current.add(new Location(null, null, root));
        for (Segment segment : segments) {
            List<Location> next = new ArrayList<>();
            for (Location at : current) {
                step(at.value(), segment, next);
            }
            current = next;
            if (current.isEmpty()) {
                break;
            }
        }
        return current;
    }

    private static void step(Object value, Segment segment, List<Location> out) {
        if (segment instanceof Key key) {
            if (value instanceof Map<?, ?> map) {
                add(out, map, key.name(), map.get(key.name()));
            }
        } else if (value instanceof List<?> list) {
            if (segment instanceof Index index) {
                if (index.index() < list.size()) {
                    add(out, list, index.index(), list.get(index.index()));
                }
            } else if (segment instanceof Every) {
                for (int i = 0; i < list.size(); i++) {
                    add(out, list, i, list.get(i));
                }
            } else if (segment instanceof NameIs nameIs) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> element
                            && nameIs.value().equals(Values.text(element.get("name")))) {
                        add(out, list, i, element);
                    }
                }
            }
        }
    }

    private static void add(List<Location> out, Object container, Object key, Object value) {
        if (value != null) {
            out.add(new Location(container, key, value));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
