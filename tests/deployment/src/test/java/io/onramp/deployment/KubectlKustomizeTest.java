package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What {@code kubectl apply -k knative/} would send: kubectl's own kustomize renders the directory (offline, no
 * cluster needed) into exactly the objects the other tests check. Skipped where kubectl is not installed (CI installs
 * it, see .ci/run).
 */
class KubectlKustomizeTest {

    @Test
    void kubectlRendersTheSameObjects() throws IOException, InterruptedException {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "kubectl is not installed");
        Kustomization k = Kustomization.load();
        Path out = Files.createTempFile("onramp-kustomize", ".yaml");
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", k.dir().toString())
                    .redirectOutput(out.toFile()).redirectErrorStream(false).start();
            assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
            String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "kubectl kustomize failed: " + errors);
            Object rendered = new KubernetesSerialization().unmarshal(Files.newInputStream(out));
            int count = rendered instanceof java.util.List<?> list ? list.size() : 1;
            assertEquals(k.all().size(), count, "kubectl renders every object of the resources list");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
