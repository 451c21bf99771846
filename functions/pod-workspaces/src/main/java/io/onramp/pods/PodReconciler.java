package io.onramp.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.error.OnrampException;
import io.onramp.core.reconcile.Drift;
import io.onramp.core.reconcile.DriftType;
import io.onramp.core.reconcile.Inspection;
import io.onramp.core.reconcile.ReconcileScope;
import io.onramp.core.reconcile.Remedy;
import io.onramp.core.reconcile.WorkspaceReconciler;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.pods.blueprint.ApplyResult;
import io.onramp.pods.blueprint.BlueprintApplier;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.GuardrailCheck;
import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.Passwords;
import io.onramp.pods.blueprint.PodsConfig;

/**
 * Reconcile of pod workspaces: every idle workspace's namespace, its Pod Security labels, its guardrails and
 * whether its workloads run as its state says; and every namespace labelled as Onramp's that no live workspace owns.
 *
 * <p>Repairs: guardrails and namespace labels of a settled workspace are re-applied in place
 * ({@link BlueprintApplier#reapplyGuardrails}, which also removes Onramp NetworkPolicies the blueprint no longer
 * renders); a missing namespace of a running workspace, a code-server gone or scaled to zero, workloads running in a
 * paused namespace are repaired by converging the workspace again (the driver re-applies the blueprint, resumes or
 * pauses). The namespace of a paused workspace that is gone is only reported: resuming re-creates it, without the
 * lost home volume. Orphan namespaces are deleted only when asked, after checking they still carry the labels seen.
 */
@ApplicationScoped
public class PodReconciler implements WorkspaceReconciler {

    private final KubernetesClient client;
    private final PodsConfig config;
    private final GuardrailCheck check;

    public PodReconciler(KubernetesClient client, PodsConfig config) {
        this.client = client;
        this.config = config;
        this.check = new GuardrailCheck(client.getKubernetesSerialization());
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.POD;
    }

    @Override
    public Inspection inspect(ReconcileScope scope) {
        try {
            PodInventory inventory = PodInventory.load(client);
            List<Drift> out = new ArrayList<>();
            Set<String> claimed = new HashSet<>();
            int examined = 0;
            for (Workspace w : scope.live()) {
                if (w.namespace() != null) {
                    claimed.add(w.namespace());
                }
                if (scope.busy(w) || !ReconcileScope.wanted(w)) {
                    continue;
                }
                examined++;
                inspect(w, scope, inventory, out);
            }
            for (Namespace ns : inventory.namespaces.values()) {
                String name = ns.getMetadata().getName();
                if (claimed.contains(name) || ns.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                examined++;
                out.add(orphan(ns, scope));
            }
            return new Inspection(examined, out);
        } catch (KubernetesClientException e) {
            throw PodWorkspaceDriver.kubernetesFailure(e);
        }
    }

    private void inspect(Workspace w, ReconcileScope scope, PodInventory inventory, List<Drift> out) {
        String name = w.namespace();
        Namespace ns = inventory.namespaces.get(name);
        if (ns == null) {
            Namespace unlabelled = client.namespaces().withName(name).get();
            if (unlabelled != null && unlabelled.getMetadata().getDeletionTimestamp() == null) {
                out.add(Drift.of(w, "Namespace " + name, DriftType.CHANGED_GUARDRAIL, "The namespace exists but "
                        + "no longer carries " + BlueprintLabels.MANAGED_BY + "=" + BlueprintLabels.MANAGED_BY_VALUE
                        + "; someone changed or replaced it.", Remedy.NONE));
                return;
            }
        }
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            String gone = ns == null ? "The namespace is gone" : "The namespace is being deleted";
            if (w.desiredState() == DesiredState.RUNNING) {
                out.add(Drift.of(w, "Namespace " + name, DriftType.MISSING_NAMESPACE, gone
                        + " while the workspace should run; converging again re-creates it.",
                        scope.remedy(w, Remedy.CONVERGE)));
            } else {
                out.add(Drift.of(w, "Namespace " + name, DriftType.MISSING_NAMESPACE, gone + " while the workspace "
                        + "is paused; resuming it re-creates the namespace, without the lost home volume.",
                        scope.remedy(w, Remedy.NONE)));
            }
            return;
        }
        List<HasMetadata> rendered;
        try {
            rendered = NamespaceBlueprint.render(PodInputs.of(w), config, Passwords::generate);
        } catch (OnrampException e) {
            out.add(Drift.of(w, "Namespace " + name, DriftType.STATE_MISMATCH, "The blueprint cannot be rendered "
                    + "for this workspace any more: " + e.getMessage(), Remedy.NONE));
            return;
        }
        Remedy reapply = scope.remedy(w, Remedy.REAPPLY);
        Namespace wantedNs = (Namespace) rendered.get(0);
        List<String> labels = GuardrailCheck.namespaceDifferences(wantedNs, ns);
        if (!labels.isEmpty()) {
            out.add(Drift.of(w, "Namespace " + name, DriftType.CHANGED_GUARDRAIL, "Labels differ from the blueprint: "
                    + String.join(", ", labels) + ".", reapply));
        }
        Map<String, HasMetadata> live = inventory.guardrailsOf(name);
        Set<String> wantedPolicies = new HashSet<>();
        for (HasMetadata wanted : GuardrailCheck.guardrails(rendered)) {
            String kindName = PodInventory.kindName(wanted);
            if (wanted instanceof NetworkPolicy) {
                wantedPolicies.add(wanted.getMetadata().getName());
            }
            String resource = wanted.getKind() + " " + name + "/" + wanted.getMetadata().getName();
            HasMetadata have = live.get(kindName);
            if (have == null) {
                HasMetadata unlabelled = client.resource(wanted).get();
                out.add(unlabelled == null
                        ? Drift.of(w, resource, DriftType.MISSING_GUARDRAIL, "The guardrail is gone.", reapply)
                        : Drift.of(w, resource, DriftType.CHANGED_GUARDRAIL, "The guardrail lost Onramp's labels.",
                                reapply));
                continue;
            }
            check.difference(wanted, have).ifPresent(field -> out.add(Drift.of(w, resource,
                    DriftType.CHANGED_GUARDRAIL, "Its " + field + " differs from the blueprint.", reapply)));
        }
        for (HasMetadata have : live.values()) {
            if (have instanceof NetworkPolicy && !wantedPolicies.contains(have.getMetadata().getName())) {
                out.add(Drift.of(w, "NetworkPolicy " + name + "/" + have.getMetadata().getName(),
                        DriftType.CHANGED_GUARDRAIL, "An Onramp guardrail the blueprint no longer renders.", reapply));
            }
        }
        if (ReconcileScope.settled(w)) {
            workloads(w, ns, inventory.workloadsOf(name), out);
        }
    }

    /** Whether what runs matches a settled workspace's state: code-server up when RUNNING, nothing up when PAUSED. */
    private static void workloads(Workspace w, Namespace ns, List<HasMetadata> workloads, List<Drift> out) {
        String name = ns.getMetadata().getName();
        boolean paused = "true".equals(annotation(ns, BlueprintLabels.PAUSED));
        if (w.desiredState() == DesiredState.RUNNING) {
            if (paused) {
                out.add(Drift.of(w, "Namespace " + name, DriftType.STATE_MISMATCH, "The namespace is marked paused "
                        + "while the workspace runs.", Remedy.CONVERGE).correcting(WorkspaceState.RESUMING));
                return;
            }
            if (!Ide.CODE_SERVER.name().equals(w.spec().getOrDefault(PodWorkspaces.IDE, Ide.CODE_SERVER.name()))) {
                return;
            }
            Deployment ide = workloads.stream().filter(o -> o instanceof Deployment
                    && CodeServerObjects.NAME.equals(o.getMetadata().getName())).map(Deployment.class::cast)
                    .findFirst().orElse(null);
            String resource = "Deployment " + name + "/" + CodeServerObjects.NAME;
            if (ide == null) {
                out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "code-server's Deployment is gone while the "
                        + "workspace runs.", Remedy.CONVERGE).correcting(WorkspaceState.RESUMING));
            } else if (replicas(ide) == 0) {
                out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "code-server was scaled to zero outside "
                        + "Onramp while the workspace runs.", Remedy.CONVERGE).correcting(WorkspaceState.RESUMING));
            }
            return;
        }
        if (!paused) {
            out.add(Drift.of(w, "Namespace " + name, DriftType.STATE_MISMATCH, "The namespace is not marked paused "
                    + "while the workspace is.", Remedy.CONVERGE).correcting(WorkspaceState.PAUSING));
            return;
        }
        for (HasMetadata workload : workloads) {
            if (replicas(workload) > 0) {
                out.add(Drift.of(w, workload.getKind() + " " + name + "/" + workload.getMetadata().getName(),
                        DriftType.STATE_MISMATCH, "It was scaled to " + replicas(workload) + " while the workspace "
                                + "is paused.", Remedy.CONVERGE).correcting(WorkspaceState.PAUSING));
            }
        }
    }

    private static Drift orphan(Namespace ns, ReconcileScope scope) {
        String name = ns.getMetadata().getName();
        String label = ns.getMetadata().getLabels().get(BlueprintLabels.WORKSPACE_ID);
        String owner = annotation(ns, BlueprintLabels.OWNER);
        UUID id = uuid(label);
        Optional<Workspace> row = id == null ? Optional.empty() : scope.row(id);
        String detail;
        if (row.isEmpty()) {
            detail = "Labelled as Onramp's" + (label == null ? "" : " (workspace " + label + ")")
                    + " but no workspace owns it.";
        } else if (row.get().state() == WorkspaceState.DELETED) {
            detail = "Its workspace " + label + " is deleted (since " + row.get().updatedAt() + ").";
        } else {
            detail = "Its workspace " + label + " uses the namespace " + row.get().namespace() + " instead.";
        }
        return Drift.orphan(WorkspaceKind.POD, id, owner, "Namespace " + name, detail,
                name + "\n" + (label == null ? "" : label));
    }

    @Override
    public String repair(Drift drift, Optional<Workspace> current) {
        try {
            return switch (drift.remedy()) {
                case REAPPLY -> reapply(current.orElseThrow(() -> OnrampException.notFound("The workspace is gone.")));
                case DELETE_ORPHAN -> deleteOrphan(drift.target());
                default -> throw new IllegalArgumentException("Pods repair only REAPPLY and DELETE_ORPHAN");
            };
        } catch (KubernetesClientException e) {
            throw PodWorkspaceDriver.kubernetesFailure(e);
        }
    }

    /** The namespace's labels and every guardrail, as the blueprint renders them now. */
    private String reapply(Workspace w) {
        Namespace ns = client.namespaces().withName(w.namespace()).get();
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            throw OnrampException.conflict("The namespace " + w.namespace() + " is gone; the next reconcile "
                    + "converges the workspace instead.");
        }
        List<HasMetadata> rendered = NamespaceBlueprint.render(PodInputs.of(w), config, Passwords::generate);
        BlueprintApplier applier = new BlueprintApplier(client);
        ApplyResult result = applier.apply(List.of(rendered.get(0)))
                .plus(applier.reapplyGuardrails(w.namespace(), rendered));
        List<String> changes = new ArrayList<>();
        result.created().forEach(o -> changes.add("created " + o));
        result.updated().forEach(o -> changes.add("updated " + o));
        result.deleted().forEach(o -> changes.add("deleted " + o));
        return "Re-applied the guardrails of " + w.namespace()
                + (changes.isEmpty() ? " (nothing to change)" : ": " + String.join(", ", changes));
    }

    private String deleteOrphan(String target) {
        String[] parts = target.split("\n", -1);
        String name = parts[0];
        String label = parts.length > 1 ? parts[1] : "";
        Namespace ns = client.namespaces().withName(name).get();
        if (ns == null) {
            return "Already gone";
        }
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            return "Already being deleted";
        }
        Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        if (!BlueprintLabels.MANAGED_BY_VALUE.equals(labels.get(BlueprintLabels.MANAGED_BY))
                || !label.equals(labels.getOrDefault(BlueprintLabels.WORKSPACE_ID, ""))) {
            throw OnrampException.conflict("The namespace " + name + " changed since it was inspected; left alone.");
        }
        client.namespaces().withName(name).delete();
        return "Deleted the namespace";
    }

    private static int replicas(HasMetadata workload) {
        Integer replicas = workload instanceof Deployment d ? d.getSpec().getReplicas()
                : workload instanceof StatefulSet s ? s.getSpec().getReplicas() : Integer.valueOf(0);
        return replicas == null ? 1 : replicas;
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
