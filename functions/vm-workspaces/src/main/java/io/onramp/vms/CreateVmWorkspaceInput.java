package io.onramp.vms;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** What a VM workspace is created from; everything has a default. */
@Input("CreateVmWorkspaceInput")
@Description("A VM workspace: an Exoscale instance with Docker, kind, kubectl and code-server (HTTPS, password). "
        + "Costs money while it runs: pause it when not in use.")
public class CreateVmWorkspaceInput {

    @Description("The developer; defaults to the caller.")
    public String owner;

    @Description("Exoscale zone, e.g. ch-gva-2 or de-fra-1; defaults to the configured zone.")
    public String zone;

    @Description("Instance type family.size from the configured allowlist; defaults to standard.medium.")
    public String instanceType;

    @Description("Disk size in GiB, within the configured range (default 50, 10 to 400).")
    public Integer diskGb;

    @Description("A lab whose files are fetched onto the VM at boot.")
    public String lab;

    @Description("The name of an SSH key registered in the Exoscale organisation; also opens port 22 to the VM.")
    public String sshKeyName;

    @Description("Makes the call safe to retry: the same key returns the first call's workspace.")
    public String idempotencyKey;
}
