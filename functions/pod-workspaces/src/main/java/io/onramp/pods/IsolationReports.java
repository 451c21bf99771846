package io.onramp.pods;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.AuditedAccess;
import io.onramp.core.auth.AccessPolicy;
import io.onramp.core.auth.Caller;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.OnrampException;
import io.onramp.core.netpol.IsolationReport;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.edge.split.RemoteFunctions;
import io.onramp.edge.workspace.WorkspaceRequests;
import io.onramp.pods.blueprint.PodsConfig;

/** Admins: proves a developer's isolation from the objects that are live in the cluster right now. */
@ApplicationScoped
public class IsolationReports {

    private final KubernetesClient client;
    private final WorkspaceEngine engine;
    private final AuditLog audit;
    private final PodsConfig config;
    private final RemoteFunctions remote;

    public IsolationReports(KubernetesClient client, WorkspaceEngine engine, AuditLog audit, PodsConfig config,
            RemoteFunctions remote) {
        this.client = client;
        this.engine = engine;
        this.audit = audit;
        this.config = config;
        this.remote = remote;
    }

    /** The ingress, Coder and Onramp namespaces, where the configured selectors name them. */
    List<String> platformNamespaces() {
        PodsConfig.Network n = config.network();
        return java.util.stream.Stream.of(n.ingressNamespaceSelector(), n.coderNamespaceSelector(), n.onrampNamespaceSelector())
                .filter(s -> s.startsWith("kubernetes.io/metadata.name=") && !s.contains(","))
                .map(s -> s.substring("kubernetes.io/metadata.name=".length()))
                .toList();
    }

    /** Reads every namespace's pods and policies: in a split deployment only the pods function may, so it runs there. */
    public IsolationReportView report(Caller caller, String owner) {
        if (remote.isRemote(FunctionGroup.PODS)) {
            WorkspaceRequests.ByOwner request = new WorkspaceRequests.ByOwner();
            request.owner = owner;
            return remote.call(FunctionGroup.PODS, "isolationReport", request, IsolationReportView.class);
        }
        AuditedAccess.check(audit, caller, "isolationReport", owner, () -> AccessPolicy.requireAdmin(caller));
        Workspace pod = engine.liveOf(owner == null ? "" : owner).stream()
                .filter(w -> w.kind() == WorkspaceKind.POD).findFirst()
                .orElseThrow(() -> OnrampException.notFound("'" + owner + "' has no pod workspace."));
        IsolationReport.Representatives reps = IsolationReport.Representatives.defaults()
                .withPlatformNamespaces(platformNamespaces().toArray(String[]::new));
        List<String> cidrs = config.network().apiServerCidrs().orElse(List.of());
        if (!cidrs.isEmpty()) {
            String ip = cidrs.get(0).split("/")[0];
            reps = reps.withApiServer(ip, config.network().apiServerPorts().toArray(Integer[]::new));
        }
        try {
            return IsolationReportView.of(IsolationReport.compute(
                    client.namespaces().list().getItems(),
                    client.pods().inAnyNamespace().list().getItems(),
                    client.network().networkPolicies().inAnyNamespace().list().getItems(),
                    pod.namespace(), reps));
        } catch (KubernetesClientException e) {
            throw PodWorkspaceDriver.kubernetesFailure(e);
        } catch (IllegalArgumentException e) {
            throw OnrampException.conflict("A NetworkPolicy in the cluster is invalid: " + e.getMessage());
        }
    }
}
