package io.onramp.core.workspace;

import io.onramp.core.auth.Caller;

/** Creates a workspace of one kind with that kind's defaults: what onboarding uses for a cohort. */
public interface WorkspaceCreator {

    WorkspaceKind kind();

    CreateResult createDefault(Caller caller, String owner, String lab);
}
