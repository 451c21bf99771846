package io.onramp.pods;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.auth.Caller;
import io.onramp.core.error.OnrampException;
import io.onramp.core.lab.LabContent;
import io.onramp.core.workspace.CreateResult;
import io.onramp.core.workspace.IdempotencyKeys;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.WorkspaceCreator;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.Workspaces;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.BlueprintUrls;
import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.Size;

/**
 * Creating pod workspaces: checks the input (owner maps to a namespace, image allowed, lab known), records the
 * workspace and returns at once; {@link PodWorkspaceDriver} builds the namespace.
 */
@ApplicationScoped
public class PodWorkspaces implements WorkspaceCreator {

    static final String IDE = "ide";
    static final String IMAGE = "image";
    static final String SIZE = "size";
    private static final Pattern CODER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern LAB_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?");

    private final Workspaces workspaces;
    private final PodsConfig config;
    private final LabContent labs;

    public PodWorkspaces(Workspaces workspaces, PodsConfig config, LabContent labs) {
        this.workspaces = workspaces;
        this.config = config;
        this.labs = labs;
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.POD;
    }

    @Override
    public CreateResult createDefault(Caller caller, String owner, String lab) {
        CreatePodWorkspaceInput input = new CreatePodWorkspaceInput();
        input.owner = owner;
        input.lab = lab;
        return create(caller, input);
    }

    public CreateResult create(Caller caller, CreatePodWorkspaceInput input) {
        if (input == null) {
            throw OnrampException.badInput("Send the workspace input, e.g. {\"owner\": \"alice\"}.");
        }
        String owner = input.owner == null || input.owner.isBlank() ? caller.username() : input.owner.trim();
        if (owner == null) {
            throw OnrampException.unauthenticated("Sign in first: send 'Authorization: Bearer <token>'.");
        }
        Ide ide = input.ide == null ? Ide.CODE_SERVER : input.ide;
        Size size = input.size == null ? Size.MEDIUM : input.size;
        String lab = blankToNull(input.lab);
        if (lab != null && (!LAB_ID.matcher(lab).matches() || labs.workspaceFiles(lab).isEmpty())) {
            throw OnrampException.badInput("There is no lab '" + clip(lab) + "'; list them with the labs query.");
        }
        String coderId = blankToNull(input.coderWorkspaceId);
        if (coderId != null && !CODER_ID.matcher(coderId).matches()) {
            throw OnrampException.badInput("coderWorkspaceId must be Coder's workspace id (letters, digits and '-').");
        }
        BlueprintInput blueprint = new BlueprintInput("pending", owner, null, ide, blankToNull(input.image), size, lab,
                Map.of(), coderId);
        NamespaceBlueprint.validate(blueprint);
        String image = ide == Ide.CODE_SERVER ? NamespaceBlueprint.image(blueprint, config) : null;
        String url = ide == Ide.CODE_SERVER ? BlueprintUrls.url(blueprint, config) : null;
        Map<String, String> spec = image == null
                ? Map.of(IDE, ide.name(), SIZE, size.name())
                : Map.of(IDE, ide.name(), SIZE, size.name(), IMAGE, image);
        NewWorkspace request = new NewWorkspace(WorkspaceKind.POD, owner, blueprint.namespace(), url, lab, coderId,
                null, spec, true);
        String fingerprint = IdempotencyKeys.fingerprint(owner, ide, size, image, lab, coderId);
        return workspaces.create(caller, request, blankToNull(input.idempotencyKey), fingerprint);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 60) : value;
    }
}
