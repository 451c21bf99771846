package io.onramp.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Marks objects the sandbox created or whose status it set with {@code onramp.io/simulated: "true"}. */
public final class Simulated {

  /** Annotation on every object the sandbox created or whose status it set. */
  public static final String ANNOTATION = "onramp.io/simulated";

  private Simulated() {
  }

  /** True when the object carries {@value #ANNOTATION}{@code : "true"}. */
  public static boolean isSimulated(HasMetadata object) {
    return object != null && object.getMetadata() != null && object.getMetadata().getAnnotations() != null
        && "true".equals(object.getMetadata().getAnnotations().get(ANNOTATION));
  }

  static void mark(ObjectMeta metadata) {
    Map<String, String> annotations = metadata.getAnnotations() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(metadata.getAnnotations());
    annotations.put(ANNOTATION, "true");
    metadata.setAnnotations(annotations);
  }

  static void mark(ObjectNode metadata) {
    Json.child(metadata, "annotations").put(ANNOTATION, "true");
  }

  /** Now, in the RFC 3339 form Kubernetes uses, to the second. */
  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
