package io.onramp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Figures of one phase as {@code key=value} lines, for the script's table. */
final class Results {

    private final Map<String, String> values = new LinkedHashMap<>();

    Results put(String key, Object value) {
        values.put(key, value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
        return this;
    }

    void write(String file) {
        if (file == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(Path.of(file), b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print() {
        values.forEach((k, v) -> System.out.println("  " + k + " = " + v));
    }
}
