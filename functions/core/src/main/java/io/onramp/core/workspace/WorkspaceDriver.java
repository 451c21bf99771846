package io.onramp.core.workspace;

import java.util.Optional;

/**
 * How one kind of workspace is made real. Implemented by the function modules (pods, VMs) and found by the engine
 * through CDI; core never imports them. Every method must be idempotent and safe to call again after a crash at any
 * point: the engine calls {@link #converge} until it reports the desired state reached.
 */
public interface WorkspaceDriver {

    WorkspaceKind kind();

    /**
     * One step towards {@code workspace.desiredState()}. Throw to have the step retried with back-off
     * ({@link io.onramp.core.error.OnrampException} with BAD_USER_INPUT, FORBIDDEN or NOT_FOUND fails the workspace at
     * once; anything else is retried until the attempts run out).
     */
    Convergence converge(Workspace workspace);

    /**
     * Admission of a change of desired state, checked synchronously by the mutation before anything is recorded
     * (e.g. a cost cap on resume). Throw an {@link io.onramp.core.error.OnrampException} to refuse. Default: admit.
     */
    default void admit(Workspace workspace, DesiredState desired) {
    }

    /** The password of the workspace's IDE, if it has one. */
    default Optional<String> accessPassword(Workspace workspace) {
        return Optional.empty();
    }
}
