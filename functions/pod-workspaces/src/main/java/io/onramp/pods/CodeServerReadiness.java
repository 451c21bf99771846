package io.onramp.pods;

import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.pods.blueprint.CodeServerObjects;

/**
 * How many code-server replicas are ready, for workspaces waiting for it. One waiting workspace reads its own
 * Deployment; when many wait at once (more than {@value #LIST_ABOVE} checks within {@link #WINDOW_NANOS}, e.g. a
 * cohort being onboarded), one list of Onramp's code-server Deployments in all namespaces, at most one per window,
 * answers all of them instead of one read each, which would keep the API server busy with polls. A namespace missing
 * from the list (its Deployment is newer than the list, or gone) is read directly. When listing is refused (e.g.
 * RBAC without cluster-wide list), every check reads its own Deployment.
 */
final class CodeServerReadiness {

    private static final Logger LOG = Logger.getLogger(CodeServerReadiness.class);
    static final long WINDOW_NANOS = 1_000_000_000L;
    static final int LIST_ABOVE = 8;

    private final KubernetesClient client;
    private long windowStart = System.nanoTime();
    private int checksThisWindow;
    private int checksLastWindow;
    private Map<String, Integer> listed;
    private long listedAt;
    private volatile boolean listRefused;

    CodeServerReadiness(KubernetesClient client) {
        this.client = client;
    }

    /** Ready replicas of code-server in {@code namespace} (0 while none), or null when it has no such Deployment. */
    Integer readyReplicas(String namespace) {
        Map<String, Integer> all = shared();
        if (all != null && all.containsKey(namespace)) {
            return all.get(namespace);
        }
        return readyReplicas(read(namespace));
    }

    Deployment read(String namespace) {
        return client.apps().deployments().inNamespace(namespace).withName(CodeServerObjects.NAME).get();
    }

    static Integer readyReplicas(Deployment deployment) {
        if (deployment == null) {
            return null;
        }
        Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    /** The shared list when many workspaces are waiting, else null. Callers wait for a list under way. */
    private synchronized Map<String, Integer> shared() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            checksLastWindow = now - windowStart < 2 * WINDOW_NANOS ? checksThisWindow : 0;
            checksThisWindow = 0;
            windowStart = now;
        }
        checksThisWindow++;
        if (listRefused || Math.max(checksLastWindow, checksThisWindow) <= LIST_ABOVE) {
            return null;
        }
        if (listed == null || now - listedAt >= WINDOW_NANOS) {
            try {
                Map<String, Integer> ready = new HashMap<>();
                for (Deployment d : client.apps().deployments().inAnyNamespace()
                        .withLabels(CodeServerObjects.selector()).list().getItems()) {
                    if (CodeServerObjects.NAME.equals(d.getMetadata().getName())) {
                        ready.put(d.getMetadata().getNamespace(), readyReplicas(d));
                    }
                }
                listed = ready;
                listedAt = now;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 401 || e.getCode() == 403) {
                    listRefused = true;
                    LOG.infof("Cannot list code-server Deployments in all namespaces (HTTP %d); reading them one by "
                            + "one", e.getCode());
                }
                return null;
            }
        }
        return listed;
    }
}
