package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class QuotingTest {

    @Test
    void yamlScalarsRoundTrip() {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String value : List.of("", "plain", "with \"quotes\" and 'apostrophes'", "back\\slash", "line\nbreak",
                "tab\there", "---", "...", "- item", "key: value", "# comment", "&a *a !!str", "{{X}}",
                "\u0000\u0001\u007f\u0085\u00a0\u2028\u2029\ufeff", "日本語 😀", "true", "null", "0x1F", "~")) {
            String quoted = YamlScalars.quote(value);
            assertEquals(Map.of("k", value), yaml.load("k: " + quoted), quoted);
            assertEquals(-1, quoted.indexOf('\n'));
        }
        assertEquals("\"\\uFFFD\"", YamlScalars.quote("\uD800"));
        assertEquals("\"\\U0001F600\"", YamlScalars.quote("😀"));
    }

    @Test
    void shellWords() {
        assertEquals("''", ShellWords.quote(""));
        assertEquals("'a b'", ShellWords.quote("a b"));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("'$(x) `y` $z'", ShellWords.quote("$(x) `y` $z"));
        assertEquals("'ab'", ShellWords.quote("a\0b"));
        assertEquals("NAME='v'\n", ShellWords.assignment("NAME", "v"));
        assertEquals("NAME=''\n", ShellWords.assignment("NAME", null));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.assignment("bad name", "v"));
    }
}
