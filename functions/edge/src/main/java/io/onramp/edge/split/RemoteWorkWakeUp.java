package io.onramp.edge.split;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.onramp.core.workspace.DueJobsDuty;
import io.onramp.core.workspace.WorkspaceEngine;
import io.quarkus.runtime.StartupEvent;

/**
 * In the split gateway: when a mutation records work for a kind whose function runs elsewhere, wake that function
 * ({@code runDuty} of {@code pods.jobs} / {@code vms.jobs}) so it converges now rather than at the next PingSource
 * tick, even when it is scaled to zero.
 */
@ApplicationScoped
public class RemoteWorkWakeUp {

    void listen(@Observes StartupEvent event, WorkspaceEngine engine, RemoteFunctions remote) {
        engine.onWorkFor(kind -> {
            if (remote.isRemote(kind.group())) {
                remote.wake(kind.group(), DueJobsDuty.nameFor(kind));
            }
        });
    }
}
