package io.onramp.labs;

/** Where a lab is done; only a code-server pod in the learner's namespace is defined. */
public enum WorkspaceKind {
    POD
}
