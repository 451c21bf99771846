package io.onramp.core.workspace;

/** One owner's outcome of an onboarding: the workspace, or the error that prevented it. */
public record OnboardingResult(String owner, Workspace workspace, boolean created, String errorCode,
        String errorMessage) {
}
