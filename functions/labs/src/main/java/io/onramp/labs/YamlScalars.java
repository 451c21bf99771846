package io.onramp.labs;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Finds unquoted scalars that YAML 1.1 (kubectl, sigs.k8s.io/yaml) and YAML 1.2 read differently: the 1.1 booleans
 * {@code yes/no/on/off/y/n}, leading-zero octals ({@code 0400}) and base-60 numbers ({@code 1:30}).
 */
public final class YamlScalars {

    private static final Pattern AMBIGUOUS = Pattern.compile(
            "(?i:y|yes|n|no|on|off)|[-+]?0[0-7]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");

    /** One such scalar: 1-based line and its text. */
    public record Finding(int line, String value) {
    }

    private YamlScalars() {
    }

    /** The ambiguous plain scalars of a (multi-document) YAML text; empty when it does not parse. */
    public static List<Finding> ambiguous(String yaml) {
        List<Finding> out = new ArrayList<>();
        try {
            ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(yaml)), new LoaderOptions());
            while (parser.peekEvent() != null) {
                Event e = parser.getEvent();
                if (e instanceof ScalarEvent s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                        && AMBIGUOUS.matcher(s.getValue()).matches()) {
                    out.add(new Finding(s.getStartMark().getLine() + 1, s.getValue()));
                }
                if (e.is(Event.ID.StreamEnd)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            return out; // syntax errors are reported by the real parser
        }
        return out;
    }
}
