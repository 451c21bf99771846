package io.onramp.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A lab folder in memory: its name and every text file in it, by path relative to the folder ({@code lab.yaml},
 * {@code tasks/01-x.md}, {@code .tours/01-x.tour}), sorted. Labs are small, so they are read once.
 */
public record LabFolder(String name, Map<String, String> files) {

    /** Folders a lab may have; see content/README.md section 1. */
    public static final String LAB_YAML = "lab.yaml";
    public static final String SOLUTION_DIR = "solution/";
    public static final String STARTER_DIR = "starter/";
    public static final String TOURS_DIR = ".tours/";

    public LabFolder {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public Optional<String> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public boolean hasFile(String path) {
        return files.containsKey(path);
    }

    /** Whether {@code path} (without trailing slash) is a folder holding at least one file. */
    public boolean hasDirectory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        if (prefix.equals("/") || prefix.equals("./")) {
            return true;
        }
        return files.keySet().stream().anyMatch(f -> f.startsWith(prefix));
    }

    /** Paths under a folder prefix ({@code starter/}) with a suffix ({@code .yaml}), sorted. */
    public List<String> paths(String prefix, String suffix) {
        return files.keySet().stream().filter(f -> f.startsWith(prefix) && f.endsWith(suffix)).sorted().toList();
    }

    /** {@code solution/<taskId>.yaml}. */
    public static String solutionPath(String taskId) {
        return SOLUTION_DIR + taskId + ".yaml";
    }

    /**
     * Reads every regular file under {@code dir} (dot folders such as {@code .tours} included) as UTF-8.
     *
     * @throws UncheckedIOException when a file cannot be read or is not UTF-8 text
     */
    public static LabFolder read(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                files.put(rel, readUtf8(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lab folder " + dir + ": " + e.getMessage(), e);
        }
        Path name = dir.getFileName();
        return new LabFolder(name == null ? "" : name.toString().replace("/", ""), files);
    }

    private static String readUtf8(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(p + " is not UTF-8 text", e);
        }
    }
}
