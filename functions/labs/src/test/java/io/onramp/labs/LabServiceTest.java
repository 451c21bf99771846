package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabContent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabServiceTest {

    private static LabSandbox sandbox;
    private static final LabCatalog TINY = LabCatalog.load(LabValidatorTest.resource("labs-good"));
    private static final LabService SERVICE = new LabService(TINY, new Grader());

    @BeforeAll
    static void start() {
        sandbox = new LabSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void browseLabsAndTours() {
        assertEquals(List.of("tiny"), SERVICE.labs(null, null).stream().map(Lab::id).toList());
        assertEquals(1, SERVICE.labs(Domain.APPLICATION_DESIGN_AND_BUILD, Level.BEGINNER).size());
        assertEquals(0, SERVICE.labs(Domain.SERVICES_AND_NETWORKING, null).size());
        assertEquals(0, SERVICE.labs(null, Level.ADVANCED).size());
        assertEquals("1 - Tiny lab", SERVICE.tour("tiny", "01-tiny").title());
        assertEquals("01-tiny", SERVICE.tour("tiny", "1 - Tiny lab").name());
        OnrampException e = assertThrows(OnrampException.class, () -> SERVICE.lab("nope"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OnrampException.class,
                () -> SERVICE.tour("tiny", "nope")).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(OnrampException.class,
                () -> SERVICE.task("tiny", "nope")).code());

        LabCatalog content = ContentFixtures.CATALOG;
        LabService real = new LabService(content, new Grader());
        int all = real.labs(null, null).size();
        int byDomain = 0;
        for (Domain d : Domain.values()) {
            byDomain += real.labs(d, null).size();
        }
        assertEquals(all, byDomain);
    }

    @Test
    void theSolutionIsServedByTheApiInsteadOfTheWorkspace() {
        for (Lab lab : ContentFixtures.CATALOG.labs()) {
            LabService service = new LabService(ContentFixtures.CATALOG, new Grader());
            for (Task task : lab.tasks()) {
                String solution = service.solution(lab.id(), task.id());
                assertTrue(solution != null && !solution.isBlank(), lab.id() + "/" + task.id());
                assertFalse(solution.contains(TaskMarkdown.SOLUTION_START), solution);
                String full = service.taskText(lab.id(), task.id(), false).orElseThrow();
                assertTrue(full.contains(solution), lab.id() + "/" + task.id());
            }
        }
        assertEquals("kubectl apply", TaskMarkdown.solution("# Task\n\n" + TaskMarkdown.SOLUTION_START
                + "\n\nkubectl apply\n\n" + TaskMarkdown.SOLUTION_END + "\n"));
        assertEquals("", TaskMarkdown.solution("# Task without one\n"));
    }

    @Test
    void workspaceFilesLeaveOutSolutions() {
        LabContent port = TINY;
        Map<String, String> files = port.workspaceFiles("tiny").orElseThrow();
        // lab.yaml holds the expected values (the answers): never placed in a workspace
        assertEquals(Set.of("tasks/01-run-web.md", "starter/00-config.yaml", ".tours/01-tiny.tour"), files.keySet());
        // nor are the solution blocks of task texts: the home volume outlives an exam's start
        assertEquals(files, SERVICE.workspaceFiles("tiny"));
        String text = files.get("tasks/01-run-web.md");
        assertFalse(text.contains(TaskMarkdown.SOLUTION_START), text);
        assertFalse(text.contains("Solution"), text);
        assertFalse(text.contains("kubectl apply"), text);
        assertTrue(text.contains("onramp-check tiny run-web"), text);
        assertTrue(port.workspaceFiles("nope").isEmpty());

        for (Lab lab : ContentFixtures.CATALOG.labs()) {
            Map<String, String> real = ContentFixtures.CATALOG.workspaceFiles(lab.id()).orElseThrow();
            assertTrue(real.keySet().stream().noneMatch(f -> f.startsWith("solution/")), lab.id());
            assertFalse(real.containsKey("lab.yaml"), lab.id());
            for (Tour tour : lab.tours()) { // every tour target is in the workspace
                for (TourStep step : tour.steps()) {
                    assertTrue(step.file() == null || real.containsKey(step.file()), lab.id() + " " + step);
                }
            }
            assertTrue(real.keySet().stream().anyMatch(f -> f.startsWith(".tours/")), lab.id());
            for (String f : real.keySet()) {
                if (f.startsWith("tasks/")) {
                    assertFalse(real.get(f).contains("<details>"), lab.id() + " " + f);
                }
            }
            // every file fits Onramp's lab ConfigMap rules (pod-workspaces LabFiles)
            io.onramp.pods.blueprint.LabFiles.entries(real);
        }
    }

    @Test
    void loadsFromTheClasspathFolderOrJar(@TempDir Path tmp) throws IOException {
        LabCatalog fromFolder = LabCatalog.fromClasspath(getClass().getClassLoader(), "labs-good");
        assertEquals(List.of("tiny"), fromFolder.labs().stream().map(Lab::id).toList());

        Path jar = tmp.resolve("labs.jar");
        Path root = LabValidatorTest.resource("labs-good");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(root)) {
            out.putNextEntry(new JarEntry("onramp/"));
            out.closeEntry();
            for (Path p : walk.sorted().toList()) { // with folder entries, as Maven writes jars
                String name = "onramp/labs/" + root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new JarEntry(name.endsWith("/") ? name : name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LabCatalog fromJar = LabCatalog.fromClasspath(loader, "onramp/labs");
            assertEquals(List.of("tiny"), fromJar.labs().stream().map(Lab::id).toList());
            assertEquals(TINY.workspaceFiles("tiny"), fromJar.workspaceFiles("tiny"));
        }
        assertThrows(java.io.UncheckedIOException.class,
                () -> LabCatalog.fromClasspath(getClass().getClassLoader(), "no/such/labs"));
    }

    @Test
    void startLabIsIdempotentAndGradingWorks() {
        String ns = sandbox.baselineNamespace("start");
        StarterApplier.Applied first = SERVICE.startLab(sandbox.client(), ns, "tiny");
        assertEquals(List.of("ConfigMap/web-settings"), first.created());
        // the learner changes the starter object; starting again neither fails nor overwrites it
        sandbox.client().configMaps().inNamespace(ns).withName("web-settings")
                .edit(cm -> { cm.getData().put("MODE", "off"); return cm; });
        StarterApplier.Applied second = SERVICE.startLab(sandbox.client(), ns, "tiny");
        assertEquals(List.of(), second.created());
        assertEquals(List.of("ConfigMap/web-settings"), second.existing());
        assertEquals("off", sandbox.client().configMaps().inNamespace(ns).withName("web-settings").get().getData()
                .get("MODE"));

        TaskResult before = SERVICE.grade(sandbox.client(), ns, "tiny", "run-web", true);
        assertEquals(0, before.score());
        assertEquals("Set the image.", before.checks().get(0).hint());
        sandbox.create(ns, TINY.solution("tiny", "run-web"));
        sandbox.reconcile();
        TaskResult after = SERVICE.grade(sandbox.client(), ns, "tiny", "run-web", false);
        assertTrue(after.passed(), after.report());
        assertEquals(3, after.score());
        sandbox.drop(ns);
    }

    @Test
    void resetNamespaceLeavesOnlyWhatOnrampPutThere() {
        String ns = sandbox.baselineNamespace("reset");
        sandbox.reconcile();
        Set<String> baseline = inventory(ns);
        assertTrue(baseline.contains("Deployment/code-server"), baseline.toString());
        assertTrue(baseline.contains("PersistentVolumeClaim/code-server-home"));
        assertTrue(baseline.contains("ServiceAccount/developer"));
        assertTrue(baseline.contains("RoleBinding/onramp-developer"));
        assertTrue(baseline.stream().anyMatch(s -> s.startsWith("Pod/code-server-")), baseline.toString());
        // everything the labs create, all at once
        for (Lab lab : ContentFixtures.CATALOG.labs()) {
            String last = lab.tasks().get(lab.tasks().size() - 1).id();
            for (Manifest m : ContentFixtures.CATALOG.cumulativeState(lab.id(), last)) {
                try {
                    sandbox.create(ns, List.of(m));
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    assertEquals(409, e.getCode(), m.toString()); // two labs with an object of the same name
                }
            }
        }
        sandbox.reconcile();
        assertTrue(inventory(ns).size() > baseline.size() + 50);
        List<String> deleted = SERVICE.resetNamespace(sandbox.client(), ns);
        assertFalse(deleted.isEmpty());
        assertTrue(deleted.stream().noneMatch(baseline::contains), "deleted baseline objects: " + deleted);
        sandbox.reconcile();
        assertEquals(baseline, inventory(ns));
        assertEquals(List.of(), SERVICE.resetNamespace(sandbox.client(), ns), "a second reset finds nothing");
        sandbox.drop(ns);
    }

    /** Kind/name of every object a reset looks at. */
    private static Set<String> inventory(String ns) {
        Set<String> out = new TreeSet<>();
        NamespaceSnapshot s = NamespaceSnapshot.of(sandbox.client(), ns);
        for (ResourceKind k : NamespaceReset.KINDS) {
            for (Map<String, Object> o : s.list(k)) {
                out.add(k.kind() + "/" + Trees.text(Trees.map(o, "metadata"), "name"));
            }
        }
        return out;
    }
}
