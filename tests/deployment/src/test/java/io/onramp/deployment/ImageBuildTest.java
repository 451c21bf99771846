package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.fabric8.knative.serving.v1.Service;

/**
 * The image the Knative Services run is built by Jib from the gateway application, only on request: the normal build
 * (and CI) never builds or pushes one, and the lab catalog lands where the Services look for it.
 */
class ImageBuildTest {

    final Path root = Kustomization.root();
    final Path gateway = root.resolve("functions").resolve("gateway");

    @Test
    void theGatewayBuildsTheImageWithJibOnlyWhenAsked() throws IOException {
        String pom = Files.readString(gateway.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>quarkus-container-image-jib</artifactId>"), "the Jib extension");
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(gateway.resolve("src/main/resources/application.properties"))) {
            props.load(r);
        }
        assertEquals("false", props.getProperty("quarkus.container-image.build"), "no image in a normal build");
        assertEquals("false", props.getProperty("quarkus.container-image.push"), "nothing pushed");
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%")) {
                assertFalse(key.contains("container-image.build") || key.contains("container-image.push"),
                        key + ": no profile turns the image build on");
            }
        }
        String ci = Files.exists(root.resolve(".ci/run")) ? Files.readString(root.resolve(".ci/run")) : "";
        assertFalse(ci.contains("container-image.build=true") || ci.contains("CONTAINER_IMAGE_BUILD=true"),
                "CI builds no image");
    }

    @Test
    void theLabCatalogIsCopiedWhereTheServicesReadIt() throws IOException {
        String pom = Files.readString(gateway.resolve("pom.xml"));
        // the container-image profile copies content/labs to src/main/jib/onramp/content/labs = /onramp/content/labs
        assertTrue(pom.contains("<name>quarkus.container-image.build</name>"), "the profile follows the build switch");
        assertTrue(pom.contains("${project.basedir}/src/main/jib/onramp/content/labs"), "copied into the image root");
        assertTrue(pom.contains("${project.basedir}/../../content/labs"), "from the checkout's catalog");
        Kustomization k = Kustomization.load();
        for (Service s : k.all(Service.class)) {
            assertEquals("/onramp/content/labs", Functions.env(k, s, "ONRAMP_LABS_DIR").orElse(null),
                    s.getMetadata().getName());
        }
        assertTrue(Files.readString(root.resolve(".gitignore")).contains("functions/gateway/src/main/jib/onramp/"),
                "the copy is not committed");
    }
}
