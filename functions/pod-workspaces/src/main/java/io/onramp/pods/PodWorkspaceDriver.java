package io.onramp.pods;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.auth.WorkspaceTokens;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabContent;
import io.onramp.core.workspace.Convergence;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.pods.blueprint.ApplyResult;
import io.onramp.pods.blueprint.BlueprintApplier;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.Passwords;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.WorkloadPauser;

/**
 * Makes a pod workspace real: the namespace blueprint applied (idempotently, so a crash at any point is repaired by
 * the next step), workloads scaled to zero on pause and restored with guardrails re-applied on resume, the namespace
 * deleted on delete. Each call does one step and says when to look again. Once a step of the current generation has
 * applied everything and only code-server's readiness is missing, the next steps only look at its Deployment (and apply
 * everything again if it is gone), sharing one list when many workspaces wait ({@link CodeServerReadiness}).
 * <p>
 * With code-server, the first step mints the workspace token of {@code onramp-check} ({@link WorkspaceTokens}) and
 * writes it into the code-server Secret; delete revokes it.
 */
@ApplicationScoped
public class PodWorkspaceDriver implements WorkspaceDriver {

    static final Duration RECHECK = Duration.ofSeconds(2);
    /** The reason of a step that applied the blueprint and is waiting for code-server; see {@link #run}. */
    static final String WAITING_FOR_IDE = "Waiting for code-server to become ready";

    private final KubernetesClient client;
    private final PodsConfig config;
    private final LabContent labs;
    private final AtomicBoolean clusterRoleEnsured = new AtomicBoolean();
    private final CodeServerReadiness readiness;

    private final WorkspaceTokens tokens;

    public PodWorkspaceDriver(KubernetesClient client, PodsConfig config, LabContent labs, WorkspaceTokens tokens) {
        this.client = client;
        this.config = config;
        this.labs = labs;
        this.tokens = tokens;
        this.readiness = new CodeServerReadiness(client);
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.POD;
    }

    @Override
    public Convergence converge(Workspace w) {
        try {
            return switch (w.desiredState()) {
                case RUNNING -> run(w);
                case PAUSED -> pause(w);
                case DELETED -> delete(w);
            };
        } catch (KubernetesClientException e) {
            throw kubernetesFailure(e);
        }
    }

    private Convergence run(Workspace w) {
        WorkspaceState progressing = w.readyAt() == null ? WorkspaceState.PROVISIONING : WorkspaceState.RESUMING;
        if (WAITING_FOR_IDE.equals(w.stateReason())) {
            // An earlier step of this generation applied everything and found code-server not ready yet (every new
            // request resets the reason): only look at code-server again, unless it is gone.
            Integer ready = readiness.readyReplicas(w.namespace());
            if (ready != null) {
                return readiness(w, ready, progressing);
            }
        }
        BlueprintApplier applier = new BlueprintApplier(client);
        if (!clusterRoleEnsured.get()) {
            applier.ensureClusterRole();
            clusterRoleEnsured.set(true);
        }
        BlueprintInput input = input(w);
        boolean ide = input.ide() == Ide.CODE_SERVER;
        // onramp-check's workspace token: minted once, stored hashed; the Secret keeps it on later applies
        String minted = ide && tokens.current(w.id()).isEmpty() ? tokens.mint(w.id()) : null;
        List<HasMetadata> objects = NamespaceBlueprint.render(input, config, Passwords::generate, minted);
        ApplyResult applied = applier.apply(objects);
        if (ide && minted == null && applied.created().contains("Secret/" + CodeServerObjects.SECRET)) {
            rotateToken(w, input, applier);
        }
        boolean newNamespace = applied.created().contains("Namespace/" + w.namespace());
        WorkloadPauser pauser = new WorkloadPauser(client);
        if (!newNamespace && pauser.isPaused(w.namespace())) {
            pauser.resume(w.namespace());
            applier.reapplyGuardrails(w.namespace(), objects);
        }
        if (input.ide() == Ide.NONE) {
            return Convergence.reached(WorkspaceState.RUNNING);
        }
        if (applied.created().contains("Deployment/" + CodeServerObjects.NAME)) {
            return Convergence.inProgress(progressing, RECHECK, WAITING_FOR_IDE); // created just now: not ready
        }
        return readiness(w, CodeServerReadiness.readyReplicas(readiness.read(w.namespace())), progressing);
    }

    /**
     * The code-server Secret was created again without the token (someone deleted it, or the whole namespace, behind
     * Onramp's back), and the stored token's value is known nowhere: mint a new one, write it, and restart code-server
     * so that it reads it (environment variables are read when a container starts).
     */
    private void rotateToken(Workspace w, BlueprintInput input, BlueprintApplier applier) {
        List<HasMetadata> secret = NamespaceBlueprint.render(input, config, Passwords::generate, tokens.mint(w.id()))
                .stream()
                .filter(o -> o instanceof Secret && CodeServerObjects.SECRET.equals(o.getMetadata().getName()))
                .toList();
        applier.apply(secret);
        client.pods().inNamespace(w.namespace()).withLabels(CodeServerObjects.selector()).delete();
    }

    private static Convergence readiness(Workspace w, Integer ready, WorkspaceState progressing) {
        if (ready != null && ready >= 1) {
            return Convergence.reached(WorkspaceState.RUNNING).with(Convergence.URL, w.url());
        }
        return Convergence.inProgress(progressing, RECHECK, WAITING_FOR_IDE);
    }

    private Convergence pause(Workspace w) {
        Namespace ns = client.namespaces().withName(w.namespace()).get();
        if (ns != null) {
            new WorkloadPauser(client).pause(w.namespace());
        }
        return Convergence.reached(WorkspaceState.PAUSED);
    }

    private Convergence delete(Workspace w) {
        tokens.revoke(w.id()); // already refused since the delete was asked for; now revoked for good
        Namespace ns = client.namespaces().withName(w.namespace()).get();
        if (ns == null) {
            return Convergence.reached(WorkspaceState.DELETED);
        }
        if (ns.getMetadata().getDeletionTimestamp() == null) {
            client.namespaces().withName(w.namespace()).delete();
        }
        return Convergence.inProgress(WorkspaceState.DELETING, RECHECK, "Waiting for the namespace to be deleted");
    }

    @Override
    public Optional<String> accessPassword(Workspace w) {
        if (Ide.CODE_SERVER.name().equals(w.spec(PodWorkspaces.IDE))) {
            try {
                return new BlueprintApplier(client).codeServerPassword(w.namespace());
            } catch (KubernetesClientException e) {
                throw kubernetesFailure(e);
            }
        }
        return Optional.empty();
    }

    BlueprintInput input(Workspace w) {
        Map<String, String> files = w.lab() == null ? Map.of() : labs.workspaceFiles(w.lab()).orElse(Map.of());
        return PodInputs.of(w, files);
    }

    static OnrampException kubernetesFailure(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 0 || code >= 500) {
            return OnrampException.unavailable("The Kubernetes API server is not reachable or failing ("
                    + (code == 0 ? "no answer" : "HTTP " + code) + "); retrying.");
        }
        if (code == 403 || code == 401) {
            return OnrampException.unavailable("Onramp's service account may not do this in the cluster (HTTP " + code
                    + "); check its RBAC.");
        }
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : "HTTP " + code;
        return OnrampException.unavailable("The Kubernetes API server refused a change: " + status);
    }
}
