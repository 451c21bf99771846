package io.onramp.core.lab;

import java.util.Map;
import java.util.Optional;

/**
 * Where workspace drivers get a lab's files (task texts, starter manifests, CodeTour tours) to place in a workspace.
 * The labs function provides it; without one, labs are unknown.
 */
public interface LabContent {

    /** Relative path to content of the lab's workspace files, or empty when there is no such lab. */
    Optional<Map<String, String>> workspaceFiles(String labId);
}
