package io.onramp.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The kustomization in {@code knative/}, read the way {@code kubectl apply -k} reads a plain {@code resources:} list:
 * every listed file, every YAML document in it, unmarshalled by fabric8 into its typed model (Knative kinds through
 * {@code io.fabric8:knative-model}, the rest through the Kubernetes model).
 */
public final class Kustomization {

    public static final String NAMESPACE = "onramp";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Kustomization loaded;

    private final Path dir;
    private final Map<String, Object> kustomization;
    private final Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();

    private Kustomization(Path dir) {
        this.dir = dir;
        this.kustomization = readYaml(dir.resolve("kustomization.yaml"));
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String file : resources()) {
            byFile.put(file, parse(serialization, dir.resolve(file)));
        }
    }

    /** The repository's {@code knative/} kustomization, read once per test run. */
    public static synchronized Kustomization load() {
        if (loaded == null) {
            loaded = new Kustomization(root().resolve("knative"));
        }
        return loaded;
    }

    /** The checkout's root: {@code -Donramp.root}, else the first directory upwards holding {@code knative/}. */
    public static Path root() {
        String configured = System.getProperty("onramp.root");
        if (configured != null && !configured.isBlank()
                && Files.isRegularFile(Path.of(configured, "knative", "kustomization.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("knative").resolve("kustomization.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("knative/kustomization.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public Path dir() {
        return dir;
    }

    public Map<String, Object> raw() {
        return kustomization;
    }

    /** The {@code resources:} entries, in order. */
    @SuppressWarnings("unchecked")
    public List<String> resources() {
        Object resources = kustomization.get("resources");
        return resources instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The YAML files of the directory (besides kustomization.yaml itself). */
    public List<String> yamlFilesOnDisk() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, List<HasMetadata>> byFile() {
        return byFile;
    }

    public List<HasMetadata> all() {
        return byFile.values().stream().flatMap(List::stream).toList();
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T require(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError("knative/ has no " + type.getSimpleName() + " named " + name));
    }

    private static List<HasMetadata> parse(KubernetesSerialization serialization, Path file) {
        Object parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = serialization.unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<HasMetadata> out = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                out.add(asHasMetadata(o, file));
            }
        } else if (parsed != null) {
            out.add(asHasMetadata(parsed, file));
        }
        return out;
    }

    private static HasMetadata asHasMetadata(Object o, Path file) {
        if (o instanceof HasMetadata h) {
            return h;
        }
        throw new AssertionError(file.getFileName() + " holds something that is not a Kubernetes object: "
                + (o instanceof KubernetesResource ? o.getClass().getSimpleName() : o));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) {
        try {
            return YAML.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
