package io.onramp.pods.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.onramp.core.error.OnrampException;

/**
 * Pauses and resumes every workload of a developer namespace: code-server and whatever the developer deployed.
 * Writes are JSON merge patches pinned to the resourceVersion just read (retried on conflict), so they work on a
 * real cluster and in the sandbox and never lose a concurrent change silently. PVCs are never touched.
 *
 * <ul>
 * <li>Deployments and StatefulSets are scaled to 0, the previous {@code spec.replicas} kept in
 * {@value BlueprintLabels#PAUSED_REPLICAS}.</li>
 * <li>CronJobs are suspended, the previous {@code spec.suspend} kept in {@value BlueprintLabels#PAUSED_SUSPEND}.</li>
 * <li>The namespace carries {@value BlueprintLabels#PAUSED}{@code ="true"} while paused, so that
 * {@link BlueprintApplier} creates a missing code-server Deployment paused as well.</li>
 * </ul>
 * Both directions are idempotent: pausing twice keeps the original counts (a workload the developer scaled up again
 * while paused is scaled back to 0, its annotation kept), resuming twice does nothing the second time. Bare pods,
 * ReplicaSets without a Deployment, DaemonSets and running Jobs are not paused.
 */
public final class WorkloadPauser {

    private static final Logger LOG = Logger.getLogger(WorkloadPauser.class);
    private static final int ATTEMPTS = 5;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final KubernetesClient client;

    public WorkloadPauser(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Scales every Deployment and StatefulSet to 0 and suspends every CronJob of the namespace.
     *
     * @throws OnrampException not found when the namespace does not exist
     */
    public PauseResult pause(String namespace) {
        requireNamespace(namespace);
        PauseResult.Collector result = new PauseResult.Collector(namespace);
        patchNamespace(namespace, true, result);
        patchAll(client.apps().deployments(), namespace, d -> pauseReplicas(d, d.getSpec().getReplicas()), result);
        patchAll(client.apps().statefulSets(), namespace, s -> pauseReplicas(s, s.getSpec().getReplicas()), result);
        patchAll(client.batch().v1().cronjobs(), namespace, this::pauseCronJob, result);
        PauseResult done = result.build();
        LOG.debugf("paused %s: %s", namespace, done);
        return done;
    }

    /**
     * Restores what {@link #pause} changed and removes its annotations; workloads without them are left alone.
     *
     * @throws OnrampException not found when the namespace does not exist
     */
    public PauseResult resume(String namespace) {
        requireNamespace(namespace);
        PauseResult.Collector result = new PauseResult.Collector(namespace);
        patchAll(client.apps().deployments(), namespace, this::resumeReplicas, result);
        patchAll(client.apps().statefulSets(), namespace, this::resumeReplicas, result);
        patchAll(client.batch().v1().cronjobs(), namespace, this::resumeCronJob, result);
        patchNamespace(namespace, false, result);
        PauseResult done = result.build();
        LOG.debugf("resumed %s: %s", namespace, done);
        return done;
    }

    /** True when the namespace carries {@value BlueprintLabels#PAUSED}{@code ="true"}. */
    public boolean isPaused(String namespace) {
        Namespace ns = client.namespaces().withName(namespace).get();
        return ns != null && "true".equals(annotation(ns, BlueprintLabels.PAUSED));
    }

    private void requireNamespace(String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            throw OnrampException.notFound("The namespace " + namespace + " does not exist.");
        }
    }

    private void patchNamespace(String namespace, boolean paused, PauseResult.Collector result) {
        patch(client.namespaces().withName(namespace).get(), ns -> {
            boolean is = "true".equals(annotation(ns, BlueprintLabels.PAUSED));
            if (is == paused) {
                return null;
            }
            ObjectNode patch = JSON.objectNode();
            ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
            if (paused) {
                annotations.put(BlueprintLabels.PAUSED, "true");
            } else {
                annotations.putNull(BlueprintLabels.PAUSED);
            }
            return patch;
        }, () -> client.namespaces().withName(namespace), result);
    }

    private ObjectNode pauseReplicas(HasMetadata workload, Integer replicas) {
        int current = replicas == null ? 1 : replicas;
        boolean remembered = annotation(workload, BlueprintLabels.PAUSED_REPLICAS) != null;
        if (remembered && current == 0) {
            return null;
        }
        ObjectNode patch = JSON.objectNode();
        if (!remembered) {
            patch.putObject("metadata").putObject("annotations")
                    .put(BlueprintLabels.PAUSED_REPLICAS, Integer.toString(current));
        }
        patch.putObject("spec").put("replicas", 0);
        return patch;
    }

    private ObjectNode resumeReplicas(HasMetadata workload) {
        String remembered = annotation(workload, BlueprintLabels.PAUSED_REPLICAS);
        if (remembered == null) {
            return null;
        }
        int replicas;
        try {
            replicas = Math.max(0, Integer.parseInt(remembered.trim()));
        } catch (NumberFormatException e) {
            replicas = 1;
        }
        ObjectNode patch = JSON.objectNode();
        patch.putObject("metadata").putObject("annotations").putNull(BlueprintLabels.PAUSED_REPLICAS);
        patch.putObject("spec").put("replicas", replicas);
        return patch;
    }

    private ObjectNode pauseCronJob(CronJob cronJob) {
        boolean suspended = Boolean.TRUE.equals(cronJob.getSpec().getSuspend());
        boolean remembered = annotation(cronJob, BlueprintLabels.PAUSED_SUSPEND) != null;
        if (remembered && suspended) {
            return null;
        }
        ObjectNode patch = JSON.objectNode();
        if (!remembered) {
            patch.putObject("metadata").putObject("annotations")
                    .put(BlueprintLabels.PAUSED_SUSPEND, Boolean.toString(suspended));
        }
        patch.putObject("spec").put("suspend", true);
        return patch;
    }

    private ObjectNode resumeCronJob(CronJob cronJob) {
        String remembered = annotation(cronJob, BlueprintLabels.PAUSED_SUSPEND);
        if (remembered == null) {
            return null;
        }
        ObjectNode patch = JSON.objectNode();
        patch.putObject("metadata").putObject("annotations").putNull(BlueprintLabels.PAUSED_SUSPEND);
        patch.putObject("spec").put("suspend", "true".equalsIgnoreCase(remembered.trim()));
        return patch;
    }

    private <T extends HasMetadata> void patchAll(
            MixedOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> operation,
            String namespace, Function<T, ObjectNode> patchFor, PauseResult.Collector result) {
        for (T item : operation.inNamespace(namespace).list().getItems()) {
            String name = item.getMetadata().getName();
            patch(item, patchFor, () -> operation.inNamespace(namespace).withName(name), result);
        }
    }

    /** Patches one object, pinned to its resourceVersion; on conflict reads it again and recomputes the patch. */
    private <T extends HasMetadata> void patch(T item, Function<T, ObjectNode> patchFor,
            java.util.function.Supplier<? extends Resource<T>> resource, PauseResult.Collector result) {
        T current = item;
        for (int attempt = 1; current != null; attempt++) {
            String name = BlueprintApplier.kindName(current);
            ObjectNode patch = patchFor.apply(current);
            if (patch == null) {
                result.unchanged.add(name);
                return;
            }
            patch.withObjectProperty("metadata").put("resourceVersion", current.getMetadata().getResourceVersion());
            try {
                resource.get().patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
                result.changed.add(name);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return; // deleted meanwhile: nothing left to pause or resume
                }
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                current = resource.get().get();
            }
        }
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /**
     * What a pause or resume did ({@code Kind/name}).
     *
     * @param changed objects patched
     * @param unchanged objects already in the wanted state
     */
    public record PauseResult(String namespace, List<String> changed, List<String> unchanged) {

        public PauseResult {
            changed = List.copyOf(changed);
            unchanged = List.copyOf(unchanged);
        }

        static final class Collector {
            final String namespace;
            final List<String> changed = new ArrayList<>();
            final List<String> unchanged = new ArrayList<>();

            Collector(String namespace) {
                this.namespace = namespace;
            }

            PauseResult build() {
                return new PauseResult(namespace, changed, unchanged);
            }
        }
    }
}
