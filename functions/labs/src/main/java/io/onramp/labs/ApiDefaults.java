package io.onramp.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values the API server fills in when a field is left out (content/README.md section 7 invariant 4). A check that
 * expects such a value would pass on a real cluster without the learner doing anything (the sandbox does no
 * defaulting, so the tests would not notice).
 */
public final class ApiDefaults {

    private record Default(String path, Object value) {
    }

    private static final List<Default> POD_SPEC = List.of(
            new Default("restartPolicy", "Always"),
            new Default("dnsPolicy", "ClusterFirst"),
            new Default("schedulerName", "default-scheduler"),
            new Default("terminationGracePeriodSeconds", 30),
            new Default("enableServiceLinks", true),
            new Default("containers[].imagePullPolicy", "IfNotPresent"),
            new Default("containers[].terminationMessagePath", "/dev/termination-log"),
            new Default("containers[].terminationMessagePolicy", "File"),
            new Default("containers[].ports[].protocol", "TCP"),
            new Default("initContainers[].imagePullPolicy", "IfNotPresent"),
            new Default("initContainers[].ports[].protocol", "TCP"));
    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final Map<ResourceKind, List<Default>> OBJECT = Map.of(
            ResourceKind.DEPLOYMENT, List.of(new Default("spec.replicas", 1),
                    new Default("spec.strategy.type", "RollingUpdate"),
                    new Default("spec.strategy.rollingUpdate.maxSurge", "25%"),
                    new Default("spec.strategy.rollingUpdate.maxUnavailable", "25%"),
                    new Default("spec.revisionHistoryLimit", 10),
                    new Default("spec.progressDeadlineSeconds", 600),
                    new Default("spec.minReadySeconds", 0)),
            ResourceKind.STATEFUL_SET, List.of(new Default("spec.replicas", 1),
                    new Default("spec.podManagementPolicy", "OrderedReady"),
                    new Default("spec.updateStrategy.type", "RollingUpdate"),
                    new Default("spec.revisionHistoryLimit", 10)),
            ResourceKind.REPLICA_SET, List.of(new Default("spec.replicas", 1)),
            ResourceKind.JOB, jobDefaults("spec."),
            ResourceKind.CRON_JOB, cronJobDefaults(),
            ResourceKind.HORIZONTAL_POD_AUTOSCALER, List.of(new Default("spec.minReplicas", 1)),
            ResourceKind.SERVICE, List.of(new Default("spec.type", "ClusterIP"),
                    new Default("spec.sessionAffinity", "None"),
                    new Default("spec.ports[].protocol", "TCP"),
                    new Default("spec.internalTrafficPolicy", "Cluster")),
            ResourceKind.SECRET, List.of(new Default("type", "Opaque")),
            ResourceKind.PERSISTENT_VOLUME_CLAIM, List.of(new Default("spec.volumeMode", "Filesystem")));

    private ApiDefaults() {
    }

    private static List<Default> jobDefaults(String prefix) {
        return List.of(new Default(prefix + "backoffLimit", 6), new Default(prefix + "completions", 1),
                new Default(prefix + "parallelism", 1), new Default(prefix + "completionMode", "NonIndexed"),
                new Default(prefix + "suspend", false));
    }

    private static List<Default> cronJobDefaults() {
        List<Default> out = new ArrayList<>(List.of(new Default("spec.concurrencyPolicy", "Allow"),
                new Default("spec.successfulJobsHistoryLimit", 3), new Default("spec.failedJobsHistoryLimit", 1),
                new Default("spec.suspend", false)));
        out.addAll(jobDefaults("spec.jobTemplate.spec."));
        return out;
    }

    private static String podSpecPrefix(ResourceKind kind) {
        return switch (kind) {
            case POD -> "spec.";
            case DEPLOYMENT, REPLICA_SET, STATEFUL_SET, JOB -> "spec.template.spec.";
            case CRON_JOB -> "spec.jobTemplate.spec.template.spec.";
            default -> null;
        };
    }

    /** The path with every bracket reduced to {@code []}: {@code spec.ports[]...}. */
    static String shape(FieldPath path) {
        StringBuilder s = new StringBuilder();
        for (FieldPath.Segment seg : path.segments()) {
            if (seg instanceof FieldPath.Key k) {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(k.name());
            } else {
                s.append("[]");
            }
        }
        return s.toString();
    }

    /** The API default of the field a path points to, for a kind; empty when there is none (known here). */
    public static Optional<Object> of(ResourceKind kind, FieldPath path) {
        String shape = shape(path);
        for (Default d : OBJECT.getOrDefault(kind, List.of())) {
            if (d.path().equals(shape)) {
                return Optional.of(d.value());
            }
        }
        String prefix = podSpecPrefix(kind);
        if (prefix != null && shape.startsWith(prefix)) {
            String rel = shape.substring(prefix.length());
            for (Default d : POD_SPEC) {
                if (d.path().equals(rel)) {
                    return Optional.of(d.value());
                }
            }
            for (String probe : PROBES) {
                for (String c : List.of("containers[].", "initContainers[].")) {
                    String p = c + probe + ".";
                    if (rel.startsWith(p)) {
                        Object v = switch (rel.substring(p.length())) {
                            case "failureThreshold" -> 3;
                            case "successThreshold" -> 1;
                            case "periodSeconds" -> 10;
                            case "timeoutSeconds" -> 1;
                            case "initialDelaySeconds" -> 0;
                            default -> null;
                        };
                        if (v != null) {
                            return Optional.of(v);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the entry would hold on the API default alone. */
    public static boolean satisfiedByDefault(ResourceKind kind, Expectation e) {
        Optional<Object> d = of(kind, e.path());
        if (d.isEmpty()) {
            return false;
        }
        return switch (e.operator()) {
            case EQUALS, ONE_OF, GTE, GT, LTE, LT -> e.satisfiedBy(d.get());
            case EXISTS -> Boolean.TRUE.equals(e.expected());
            default -> false;
        };
    }
}
