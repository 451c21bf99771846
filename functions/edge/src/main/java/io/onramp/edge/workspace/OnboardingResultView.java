package io.onramp.edge.workspace;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.workspace.OnboardingResult;

/** One owner's outcome of an onboarding. */
@Name("OnboardingResult")
public record OnboardingResultView(@NonNull String owner, WorkspaceView workspace, @NonNull boolean created,
        ErrorView error) {

    public static OnboardingResultView of(OnboardingResult r) {
        return new OnboardingResultView(r.owner(), r.workspace() == null ? null : WorkspaceView.of(r.workspace()),
                r.created(), r.errorCode() == null ? null : new ErrorView(r.errorCode(), r.errorMessage()));
    }

    /** The error envelope, inline in a result list. */
    @Name("Error")
    public record ErrorView(@NonNull String code, @NonNull String message) {
    }
}
