package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

    private static final Map<String, Object> POD = Map.of(
            "metadata", Map.of("name", "web", "labels", Map.of("app.kubernetes.io/name", "web", "k8s-app", "x"),
                    "annotations", Map.of("kubernetes.io/change-cause", "v2")),
            "data", Map.of("reviews.properties", "cache.ttl=300"),
            "immutable", true,
            "spec", Map.of(
                    "containers", List.of(
                            Map.of("name", "web", "image", "nginx:1.27", "args", List.of("-a", "-b")),
                            Map.of("name", "sidecar", "image", "busybox")),
                    "volumeClaimTemplates", List.of(Map.of("metadata", Map.of("name", "data"),
                            "spec", Map.of("resources", Map.of("requests", Map.of("storage", "1Gi"))))),
                    "nothing", new LinkedHashMap<String, Object>() {
                        {
                            put("gone", null);
                        }
                    }));

    private static List<Object> resolve(String path) {
        return FieldPath.parse(path).resolve(POD);
    }

    @Test
    void keysIndexesAndWildcards() {
        assertEquals(List.of("web"), resolve("metadata.name"));
        assertEquals(List.of("nginx:1.27"), resolve("spec.containers[0].image"));
        assertEquals(List.of("nginx:1.27", "busybox"), resolve("spec.containers[*].image"));
        assertEquals(List.of("-a", "-b"), resolve("spec.containers[name=web].args[*]"));
        assertEquals(List.of("busybox"), resolve("spec.containers[name=sidecar].image"));
        assertEquals(List.of("1Gi"), resolve("spec.volumeClaimTemplates[0].spec.resources.requests.storage"));
        assertEquals(List.of(true), resolve("immutable"));
    }

    @Test
    void quotedKeysWithDotsAndSlashes() {
        assertEquals(List.of("web"), resolve("metadata.labels['app.kubernetes.io/name']"));
        assertEquals(List.of("v2"), resolve("metadata.annotations['kubernetes.io/change-cause']"));
        assertEquals(List.of("cache.ttl=300"), resolve("data['reviews.properties']"));
        assertEquals(List.of("x"), resolve("metadata.labels.k8s-app"));
        assertEquals(List.of(true), resolve("['immutable']"));
    }

    @Test
    void whatDoesNotFitResolvesToNothing() {
        assertEquals(List.of(), resolve("spec.containers.image"), "key on a list");
        assertEquals(List.of(), resolve("metadata[0]"), "index on a map");
        assertEquals(List.of(), resolve("spec.containers[5].image"), "index out of range");
        assertEquals(List.of(), resolve("spec.missing.deeper"), "missing key");
        assertEquals(List.of(), resolve("spec.nothing.gone"), "JSON null counts as missing");
        assertEquals(List.of(), resolve("spec.containers[name=db].image"), "no element named db");
        assertEquals(List.of(), resolve("spec.volumeClaimTemplates[name=data]"), "[name=] ignores metadata.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "a[", "a[]", "a[x]", "a['b", "a['']", "[0]", "a b", "a]"})
    void badPathsDoNotParse(String path) {
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse(path));
        assertFalse(FieldPath.isValid(path));
    }

    @Test
    void locationsCanChangeAndRemoveValues() {
        Map<String, Object> tree = Trees.deepCopy(Map.of("spec", Map.of("ports", List.of(
                Map.of("name", "a", "port", 53), Map.of("name", "b", "port", 53)))));
        List<FieldPath.Location> ports = FieldPath.parse("spec.ports[*].port").locate(tree);
        assertEquals(2, ports.size());
        ports.get(0).set(54);
        assertEquals(List.of(54, 53), FieldPath.parse("spec.ports[*].port").resolve(tree));
        FieldPath.parse("spec.ports[name=b]").locate(tree).get(0).remove();
        assertEquals(List.of("a"), FieldPath.parse("spec.ports[*].name").resolve(tree));
        assertTrue(FieldPath.parse("spec.ports[name=a]").isMultiValued());
        List<Object> list = new ArrayList<>(List.of(1, 2));
        new FieldPath.Location(list, 0, 1).remove();
        assertEquals(List.of(2), list);
    }
}
