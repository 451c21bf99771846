package io.onramp.core.workspace;

/** The workspace a create answered with, and whether this call made it. */
public record CreateResult(Workspace workspace, boolean created) {
}
