package io.onramp.labs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Reads multi-document YAML manifests (starter and solution files) into {@link Manifest}s. */
public final class ManifestReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestReader() {
    }

    /**
     * The documents of a file, empty documents (only comments) skipped; each must be a mapping.
     *
     * @throws IllegalArgumentException naming the file and document when the YAML does not parse or a document is
     *         not a mapping
     */
    @SuppressWarnings("unchecked")
    public static List<Manifest> read(String file, String yaml) {
        List<Manifest> out = new ArrayList<>();
        int index = 0;
        try (JsonParser parser = YAML.createParser(yaml);
                MappingIterator<Object> docs = YAML.readValues(parser, Object.class)) {
            while (docs.hasNextValue()) {
                Object doc = docs.nextValue();
                if (doc == null) {
                    index++;
                    continue;
                }
                if (!(doc instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException(file + " document " + (index + 1) + " is not a mapping");
                }
                out.add(new Manifest(file, index, Trees.freeze((Map<String, Object>) map)));
                index++;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith(file)) {
                throw iae;
            }
            throw new IllegalArgumentException(file + " is not valid YAML: " + firstLine(e.getMessage()), e);
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
