package io.onramp.pods;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.Size;

/** What a pod workspace is created from; everything but the owner has a default. */
@Input("CreatePodWorkspaceInput")
@Description("A pod workspace: one namespace per developer. Creating one for an owner who has one returns it.")
public class CreatePodWorkspaceInput {

    @Description("The developer; defaults to the caller.")
    public String owner;

    @Description("A lab whose files and tours are placed in the workspace.")
    public String lab;

    @Description("CODE_SERVER (default): Onramp runs code-server; NONE: only the namespace and its guardrails.")
    public Ide ide;

    @Description("code-server image, from the configured allowlist; defaults to the configured image.")
    public String image;

    @Description("SMALL, MEDIUM (default) or LARGE: quota and IDE resources.")
    public Size size;

    @Description("The Coder workspace this namespace serves, when Coder drives it.")
    public String coderWorkspaceId;

    @Description("Makes the call safe to retry: the same key returns the first call's workspace.")
    public String idempotencyKey;
}
