package io.onramp.pods.blueprint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the blueprint of one developer's namespace depends on. Validated by {@link NamespaceBlueprint#render}, which
 * throws {@link io.onramp.core.error.OnrampException#badInput} for anything a caller can fix.
 *
 * @param workspaceId Onramp's workspace id, a valid label value (e.g. a UUID)
 * @param owner the developer as known to Onramp (any string with at least one letter or digit)
 * @param namespace the namespace; {@code null} means {@link NamespaceNames#forOwner(String) forOwner(owner)}
 * @param ide {@link Ide#CODE_SERVER} or {@link Ide#NONE} (Coder brings its own agent pod)
 * @param image the code-server image, {@code null} = the configured default; must be allowed (ignored for NONE)
 * @param size workspace size
 * @param lab lab name, a DNS label, or {@code null}; code-server opens {@code /home/coder/labs/<lab>}
 * @param labFiles relative path -> content of the lab's files (e.g. {@code .tours/intro.tour}); may be empty
 * @param coderWorkspaceId the Coder workspace id when Coder manages the workspace, else {@code null}
 */
public record BlueprintInput(
        String workspaceId,
        String owner,
        String namespace,
        Ide ide,
        String image,
        Size size,
        String lab,
        Map<String, String> labFiles,
        String coderWorkspaceId) {

    public BlueprintInput {
        if (namespace == null && owner != null) {
            namespace = NamespaceNames.forOwner(owner);
        }
        labFiles = labFiles == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labFiles));
    }

    /** A code-server workspace without a lab, in the owner's namespace, with the default image. */
    public static BlueprintInput codeServer(String workspaceId, String owner, Size size) {
        return new BlueprintInput(workspaceId, owner, null, Ide.CODE_SERVER, null, size, null, Map.of(), null);
    }

    /** The same input with a lab and its files. */
    public BlueprintInput withLab(String lab, Map<String, String> labFiles) {
        return new BlueprintInput(workspaceId, owner, namespace, ide, image, size, lab, labFiles, coderWorkspaceId);
    }

    /** The same input with another image. */
    public BlueprintInput withImage(String image) {
        return new BlueprintInput(workspaceId, owner, namespace, ide, image, size, lab, labFiles, coderWorkspaceId);
    }

    /** Keeps lab file contents out of logs. */
    @Override
    public String toString() {
        return "BlueprintInput[workspaceId=" + workspaceId + ", owner=" + owner + ", namespace=" + namespace
                + ", ide=" + ide + ", image=" + image + ", size=" + size + ", lab=" + lab + ", labFiles="
                + labFiles.size() + " files, coderWorkspaceId=" + coderWorkspaceId + "]";
    }
}
