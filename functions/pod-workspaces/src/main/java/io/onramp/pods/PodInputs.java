package io.onramp.pods;

import java.util.Map;

import io.onramp.core.workspace.Workspace;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.Size;

/** The blueprint input of a stored pod workspace. */
public final class PodInputs {

    private PodInputs() {
    }

    public static BlueprintInput of(Workspace w) {
        return of(w, Map.of());
    }

    public static BlueprintInput of(Workspace w, Map<String, String> labFiles) {
        Ide ide = Ide.valueOf(w.spec().getOrDefault(PodWorkspaces.IDE, Ide.CODE_SERVER.name()));
        Size size = Size.valueOf(w.spec().getOrDefault(PodWorkspaces.SIZE, Size.MEDIUM.name()));
        return new BlueprintInput(w.id().toString(), w.owner(), w.namespace(), ide, w.spec(PodWorkspaces.IMAGE), size,
                w.lab(), labFiles, w.coderWorkspaceId());
    }
}
