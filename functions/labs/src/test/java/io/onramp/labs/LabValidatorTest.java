package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LabValidatorTest {

    private static final LabValidator VALIDATOR = new LabValidator();

    static Path resource(String name) {
        try {
            return Path.of(LabValidatorTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The repository's labs: no problem at all (the message lists every problem, one per line). */
    @Test
    void theWholeCatalogValidates() {
        LabCatalog catalog = ContentFixtures.CATALOG;
        List<LabProblem> problems = VALIDATOR.validate(catalog);
        assertTrue(problems.isEmpty(), problems.size() + " problems in " + LabCatalog.defaultDirectory().orElse(null)
                + ":\n" + problems.stream().map(LabProblem::toString).collect(Collectors.joining("\n")));
        assertTrue(catalog.labs().size() >= 16, "labs: " + catalog.labs().size());
    }

    @Test
    void theRealCodeTourIntroTourParses() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/codetour/intro.tour")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(CodeTourSchema.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json))
                    .isEmpty());
            Tour tour = TourReader.parse("codetour/intro.tour", json);
            assertEquals("intro", tour.name());
            assertTrue(tour.title().contains("Getting Started"));
            assertEquals(3, tour.steps().size());
            assertEquals("src/player/index.ts", tour.steps().get(1).file());
            assertEquals(436, tour.steps().get(1).line());
        }
        assertThrows(IllegalArgumentException.class, () -> TourReader.parse("x.tour", "{\"title\": 1}"));
    }

    @Test
    void aGoodLabHasNoProblem() {
        LabCatalog catalog = LabCatalog.load(resource("labs-good"));
        assertEquals(List.of(), VALIDATOR.validate(catalog));
        Lab tiny = catalog.require("tiny");
        assertEquals(3, tiny.maxScore());
        assertEquals("1 - Tiny lab", tiny.tour("01-tiny").orElseThrow().title());
    }

    private static List<String> problems(String lab) {
        LabCatalog catalog = LabCatalog.load(resource("labs-broken"));
        return VALIDATOR.validate(catalog).stream().filter(p -> p.labId().equals(lab)).map(LabProblem::toString)
                .toList();
    }

    private static void assertFound(List<String> problems, String... fragments) {
        for (String f : fragments) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(f)), "no problem mentions '" + f + "' in:\n"
                    + String.join("\n", problems));
        }
    }

    @Test
    void malformedChecksAreRejected() {
        List<String> p = problems("bad-checks");
        assertFound(p, "unknown field 'color'", "examWeight 25 does not match",
                "check two-forms (lab.yaml): check has several assertion forms",
                "check bad-operator (lab.yaml): expect entry 1 has the unknown field 'greater'",
                "check bad-path (lab.yaml): expect entry 1: path 'spec.containers[x].image'",
                "check bad-selector (lab.yaml): resource.selector",
                "check zero-points (lab.yaml): check.points must be at least 1",
                "check wrong-kind (lab.yaml): relation SELECTS_PODS is not defined for ConfigMap",
                "check all-and-count (lab.yaml): 'all' and 'count' cannot be used together",
                "check unknown-kind (lab.yaml): resource.kind 'DaemonSet'",
                "check bad-status (lab.yaml): status DEPLOYMENT_AVAILABLE applies to Deployment, not Service",
                "check web-image (lab.yaml): check id 'web-image' is not unique",
                "check access-with-resource (lab.yaml): an access check must not have",
                "check Bad_Id (lab.yaml): check id 'Bad_Id' does not match",
                "count.min must be at least 1",
                "check bad-regex (lab.yaml): expect entry 1 (metadata.name) matches is not a valid regular expression",
                "check both-name-and-selector (lab.yaml): resource needs exactly one of 'name' and 'selector'");
        assertTrue(LabCatalog.load(resource("labs-broken")).lab("bad-checks").isEmpty(), "the lab is rejected");
    }

    @Test
    void badToursAreCaught() {
        List<String> p = problems("bad-tour");
        assertFound(p, "title must start with \"1 - \"", "the first tour must have \"isPrimary\": true",
                "missing file tasks/02-missing.md", "line 999 of tasks/01-run-web.md",
                "line 2 of tasks/01-run-web.md, which is empty", "points into solution/", "step 5 has no title",
                "names lab other-lab", "names the unknown task nope", "'kubectl get pods -n kube-system' names a"
                        + " namespace",
                "(.tours/02-broken.tour): CodeTour schema: $.steps: string found, array expected",
                "(.tours/notes.txt): tour files must be named",
                "step 6 points to lab.yaml, which is not placed in the workspace");
    }

    @Test
    void unsafeManifestsAreCaught() {
        List<String> p = problems("bad-manifests");
        assertFound(p, "line 92: unquoted '0400'", "unquoted 'yes'",
                "Deployment/hog sets metadata.namespace",
                "Service/exposed is of type NodePort",
                "ClusterRole/reader is cluster-scoped",
                "Role/too-much grants create on daemonsets.apps",
                "PersistentVolumeClaim/fast names a storage class",
                "Secret/login uses stringData",
                "Ingress/old: apiVersion extensions/v1beta1 is not served",
                "RoleBinding/admin binds ClusterRole admin",
                "names namespace other in a subject",
                "Pod/root-pod violates Pod Security restricted",
                "Deployment/hog violates Pod Security restricted: [privileged",
                "cpu limit 3 is above the LimitRange maximum 2",
                "more than the quota left next to the workspace (1.75 CPU)",
                "more than the lab budget (1536Mi)",
                "check default-strategy (lab.yaml): every expect entry holds on the API server's default value");
    }

    @Test
    void badTaskTextsAreCaught() {
        List<String> p = problems("bad-task-text");
        assertFound(p, "the first line must be '# Task 1: <title>'", "there is no '## Goal' section",
                "'onramp-check bad-task-text run-web'", "exactly one solution block", "names a namespace",
                "(solution/orphan.yaml): solution file of no task", "(tasks/09-orphan.md): task text that no task");
    }

    @Test
    void theValidatorCommandExitsWithTheOutcome() {
        assertEquals(0, LabValidatorMain.run(new String[] {resource("labs-good").toString()}));
        assertEquals(1, LabValidatorMain.run(new String[] {resource("labs-broken").toString()}));
        assertEquals(2, LabValidatorMain.run(new String[] {"/does/not/exist"}));
        assertEquals(2, LabValidatorMain.run(new String[] {"a", "b"}));
    }
}
