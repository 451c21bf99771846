package io.onramp.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabContent;

/**
 * All labs of a content folder ({@code content/labs/<lab-id>/}), read once into immutable models. Labs that break a
 * load-time rule (content/README.md section 9) are rejected and listed in {@link #problems()}; the others are
 * served. Also the {@link LabContent} port: the files a workspace gets for a lab.
 */
public final class LabCatalog implements LabContent {

    /** System property and environment variable naming the labs folder. */
    public static final String DIR_PROPERTY = "onramp.labs.dir";
    public static final String DIR_ENV = "ONRAMP_LABS_DIR";

    private final Map<String, Lab> labs;
    private final Map<String, LabFolder> folders;
    private final List<LabProblem> problems;

    private LabCatalog(Map<String, Lab> labs, Map<String, LabFolder> folders, List<LabProblem> problems) {
        this.labs = Collections.unmodifiableMap(labs);
        this.folders = Collections.unmodifiableMap(folders);
        this.problems = List.copyOf(problems);
    }

    /** Reads every sub-folder of {@code dir} as a lab (folders without lab.yaml are reported, files ignored). */
    public static LabCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("the labs folder " + dir + " does not exist"));
        }
        List<LabFolder> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                folders.add(LabFolder.read(child));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the labs folder " + dir, e);
        }
        return of(folders);
    }

    /**
     * Reads the labs packaged on the class path under {@code root} (e.g. {@code onramp/labs}), from a folder or a jar.
     *
     * @throws UncheckedIOException when {@code root} is not on the class path
     */
    public static LabCatalog fromClasspath(ClassLoader loader, String root) {
        String r = root.startsWith("/") ? root.substring(1) : root;
        URL url = loader.getResource(r);
        if (url == null) {
            throw new UncheckedIOException(new IOException("no labs at classpath:" + r));
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return load(fs.provider().getPath(uri));
            }
            return load(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read labs at " + url + ": " + e.getMessage(), e));
        }
    }

    /**
     * The default labs folder: system property {@value #DIR_PROPERTY}, else environment variable {@value #DIR_ENV},
     * else the first {@code content/labs} found from the working directory upwards.
     */
    public static Optional<Path> defaultDirectory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("content").resolve("labs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@link #load(Path)} of {@link #defaultDirectory()}, or an empty catalog when there is none. */
    public static LabCatalog loadDefault() {
        return defaultDirectory().filter(Files::isDirectory).map(LabCatalog::load).orElseGet(() -> of(List.of()));
    }

    /** A catalog of lab folders already in memory (tests, other sources). */
    public static LabCatalog of(List<LabFolder> folders) {
        List<LabProblem> problems = new ArrayList<>();
        Map<String, Lab> labs = new TreeMap<>();
        Map<String, LabFolder> byId = new TreeMap<>();
        for (LabFolder folder : folders) {
            LabReader.Result result = LabReader.read(folder);
            problems.addAll(result.problems());
            if (result.lab().isEmpty()) {
                continue;
            }
            Lab lab = result.lab().get();
            if (labs.containsKey(lab.id())) {
                problems.add(LabProblem.lab(lab.id(), LabFolder.LAB_YAML, "lab id '" + lab.id() + "' is not unique"));
                continue;
            }
            labs.put(lab.id(), lab);
            byId.put(lab.id(), folder);
        }
        // prerequisites must name labs that exist (among all folders, valid or not)
        List<String> known = folders.stream().map(LabFolder::name).toList();
        for (Lab lab : List.copyOf(labs.values())) {
            for (String p : lab.prerequisites()) {
                if (!known.contains(p)) {
                    problems.add(LabProblem.lab(lab.id(), LabFolder.LAB_YAML, "prerequisite '" + p
                            + "' is not a lab"));
                    labs.remove(lab.id());
                    byId.remove(lab.id());
                }
            }
        }
        return new LabCatalog(new LinkedHashMap<>(labs), new LinkedHashMap<>(byId), problems);
    }

    /** The served labs, sorted by id. */
    public List<Lab> labs() {
        return List.copyOf(labs.values());
    }

    public Optional<Lab> lab(String id) {
        return Optional.ofNullable(labs.get(id));
    }

    /** The lab, or a not-found error naming it. */
    public Lab require(String id) {
        return lab(id).orElseThrow(() -> OnrampException.notFound("There is no lab '" + id + "'."));
    }

    public Optional<LabFolder> folder(String labId) {
        return Optional.ofNullable(folders.get(labId));
    }

    /** Load-time problems of rejected labs (empty when every lab was accepted). */
    public List<LabProblem> problems() {
        return problems;
    }

    /**
     * The starter objects of a lab: {@code starter/*.yaml} in file-name order, documents in file order.
     *
     * @throws IllegalArgumentException when a starter file is not valid YAML
     */
    public List<Manifest> starter(String labId) {
        LabFolder folder = folders.get(labId);
        if (folder == null) {
            return List.of();
        }
        List<Manifest> out = new ArrayList<>();
        for (String path : folder.paths(LabFolder.STARTER_DIR, ".yaml")) {
            out.addAll(ManifestReader.read(path, folder.files().get(path)));
        }
        return out;
    }

    /** The reference solution of a task ({@code solution/<task-id>.yaml}). */
    public List<Manifest> solution(String labId, String taskId) {
        LabFolder folder = folders.get(labId);
        if (folder == null) {
            return List.of();
        }
        String path = LabFolder.solutionPath(taskId);
        return folder.file(path).map(yaml -> ManifestReader.read(path, yaml)).orElse(List.of());
    }

    /**
     * The state after the starter and the solutions of the tasks up to and including {@code throughTask} (null: no
     * task, starter only): later documents replace earlier ones of the same kind and name. In order of first
     * appearance.
     */
    public List<Manifest> cumulativeState(String labId, String throughTask) {
        Lab lab = require(labId);
        Map<String, Manifest> state = new LinkedHashMap<>();
        starter(labId).forEach(m -> state.put(m.key(), m));
        if (throughTask != null) {
            if (lab.task(throughTask).isEmpty()) {
                throw OnrampException.notFound("Lab '" + labId + "' has no task '" + throughTask + "'.");
            }
            for (Task t : lab.tasks()) {
                solution(labId, t.id()).forEach(m -> state.put(m.key(), m));
                if (t.id().equals(throughTask)) {
                    break;
                }
            }
        }
        return List.copyOf(state.values());
    }

    /**
     * The files placed in a learner's workspace: the lab folder except {@code solution/} and {@code lab.yaml}
     * (content/README.md section 1; its expected values and check hints are the answers, and hints are served by the
     * API, hidden during exams), and task texts without their solution block: the home volume outlives an exam's
     * start, so the answers stay with Onramp, which serves a task's solution through the API outside exams. Tours
     * point into {@code tasks/}, {@code starter/} and {@code files/}. Empty when there is no such lab.
     */
    @Override
    public Optional<Map<String, String>> workspaceFiles(String labId) {
        LabFolder folder = folders.get(labId);
        if (folder == null || !labs.containsKey(labId)) {
            return Optional.empty();
        }
        Map<String, String> out = new TreeMap<>(Comparator.naturalOrder());
        folder.files().forEach((path, content) -> {
            if (!placedInWorkspace(path)) {
                return;
            }
            boolean taskText = path.startsWith("tasks/") && path.endsWith(".md");
            out.put(path, taskText ? TaskMarkdown.withoutSolution(content) : content);
        });
        return Optional.of(Collections.unmodifiableMap(out));
    }

    /** Whether a file of the lab folder goes into the learner's workspace (not the manifest, not the solutions). */
    public static boolean placedInWorkspace(String path) {
        return !path.startsWith(LabFolder.SOLUTION_DIR) && !path.equals(LabFolder.LAB_YAML);
    }
}
