package io.onramp.vms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.workspace.Convergence;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceDriver;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.exoscale.CreateInstanceRequest;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.Instance;
import io.onramp.exoscale.InstanceState;
import io.onramp.exoscale.InstanceType;
import io.onramp.exoscale.Template;

/**
 * Makes a VM workspace real on Exoscale, one idempotent step per call:
 * <ul>
 * <li><b>RUNNING</b>: find the workspace's instance (by the stored id, else by the label
 * {@value ExoscaleClient#WORKSPACE_LABEL}, so an instance made just before a crash is found again); if there is
 * none, check the caps, ensure the security groups and create it ({@link ExoscaleClient#ensureInstance}, which
 * waits for the create operation only, bounded by {@code onramp.vms.operation-deadline}); if it is stopped, check
 * the caps (this is the resume check) and ask Exoscale to start it; report INSTANCE_ID, PUBLIC_IP and URL
 * ({@code https://<public-ip>:<port>}) once it runs.</li>
 * <li><b>PAUSED</b>: ask Exoscale to stop a running instance.</li>
 * <li><b>DELETED</b>: ask Exoscale to delete the instance (and any other carrying the workspace's label); reached
 * once Exoscale no longer knows it.</li>
 * </ul>
 * Start, stop and delete are the non-blocking halves of the client's {@code startIfNeeded}, {@code stopIfNeeded}
 * and {@code ensureDeleted}: the same state checks, but instead of polling until the instance settles the step
 * returns {@link Convergence#inProgress} and the engine looks again after {@code onramp.vms.recheck-interval}. A 409
 * (the state changed meanwhile) is no error: the next step sees the new state.
 */
@ApplicationScoped
public class VmWorkspaceDriver implements WorkspaceDriver {

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final ExoscaleAccess exoscale;
    private final VmsConfig config;
    private final VmCapacity capacity;
    private final PasswordVault vault;
    private final CloudInit cloudInit;
    private final VmFirewall firewall;

    @Inject
    public VmWorkspaceDriver(ExoscaleAccess exoscale, VmsConfig config, VmCapacity capacity) {
        this(exoscale, config, capacity, CloudInit.bundled());
    }

    VmWorkspaceDriver(ExoscaleAccess exoscale, VmsConfig config, VmCapacity capacity, CloudInit cloudInit) {
        this.exoscale = exoscale;
        this.config = config;
        this.capacity = capacity;
        this.vault = PasswordVault.of(config.passwordKey());
        this.cloudInit = cloudInit;
        this.firewall = new VmFirewall(config);
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.VM;
    }

    @Override
    public Convergence converge(Workspace w) {
        ExoscaleClient exo = exoscale.client();
        return switch (w.desiredState()) {
            case RUNNING -> run(exo, w);
            case PAUSED -> pause(exo, w);
            case DELETED -> delete(exo, w);
        };
    }

    /** A resume beyond the caps is refused at once with QUOTA_EXCEEDED, before anything is recorded. */
    @Override
    public void admit(Workspace workspace, DesiredState desired) {
        if (desired == DesiredState.RUNNING && workspace.desiredState() != DesiredState.RUNNING) {
            capacity.checkResume(workspace.owner());
        }
    }

    @Override
    public Optional<String> accessPassword(Workspace w) {
        String sealed = w.spec(VmSpec.PASSWORD_CIPHERTEXT);
        return sealed == null ? Optional.empty() : Optional.of(vault.decrypt(sealed, w.owner()));
    }

    // ---- RUNNING ------------------------------------------------------------------------------------------------

    private Convergence run(ExoscaleClient exo, Workspace w) {
        WorkspaceState progressing = w.readyAt() == null ? WorkspaceState.PROVISIONING : WorkspaceState.RESUMING;
        Optional<Instance> found = live(exo, w);
        Instance vm;
        if (found.isEmpty()) {
            capacity.checkStart(w);
            vm = create(exo, w);
        } else {
            vm = found.get();
        }
        InstanceState state = vm.state();
        switch (state) {
            case RUNNING -> {
                if (vm.publicIp() == null || vm.publicIp().isBlank()) {
                    return waiting(progressing, vm, "Waiting for the VM's public IP address");
                }
                return Convergence.reached(WorkspaceState.RUNNING)
                        .with(Convergence.INSTANCE_ID, vm.id())
                        .with(Convergence.PUBLIC_IP, vm.publicIp())
                        .with(Convergence.URL, url(vm.publicIp()));
            }
            case STOPPED -> {
                capacity.checkStart(w);
                tolerateConflict(() -> exo.startInstance(w.zone(), vm.id()));
                return waiting(progressing, vm, "Starting the VM");
            }
            case ERROR -> throw OnrampException.conflict("Exoscale reports VM " + vm.id() + " in state error; "
                    + "delete this workspace and create a new one.");
            default -> {
                return waiting(progressing, vm, "The VM is " + state.value());
            }
        }
    }

    private Instance create(ExoscaleClient exo, Workspace w) {
        VmsConfigs.require(config);
        VmSpec spec = VmSpec.of(w);
        if (spec.passwordCiphertext() == null || spec.instanceType() == null) {
            throw OnrampException.badInput("The workspace lacks its VM settings; delete it and create a new one.");
        }
        String zone = w.zone();
        List<String> groups = firewall.ensureFor(exo, zone, spec.sshKeyName() != null);
        Template template = exo.findTemplate(zone, spec.template() == null ? config.template() : spec.template());
        InstanceType type = exo.findInstanceType(zone, spec.instanceType());
        String user = template.defaultUser() != null && USER.matcher(template.defaultUser()).matches()
                ? template.defaultUser() : "ubuntu";
        BootSettings boot = new BootSettings(w.id(), w.owner(), w.lab(),
                LabUrls.of(config.labFilesUrl().orElse(null), w.lab()), user,
                CodeServerPasswords.hash(vault.decrypt(spec.passwordCiphertext(), w.owner())), config);
        CreateInstanceRequest.Builder request = CreateInstanceRequest.builder()
                .name("onramp-" + w.id())
                .template(template)
                .instanceType(type)
                .diskSizeGiB(spec.diskGb())
                .userDataBase64(cloudInit.renderBase64(boot))
                .publicIpAssignment("inet4");
        groups.forEach(request::securityGroupId);
        if (spec.sshKeyName() != null) {
            request.sshKey(spec.sshKeyName());
        }
        return exo.ensureInstance(zone, w.id().toString(), request.build());
    }

    // ---- PAUSED -------------------------------------------------------------------------------------------------

    private Convergence pause(ExoscaleClient exo, Workspace w) {
        Optional<Instance> found = live(exo, w);
        if (found.isEmpty()) {
            return Convergence.reached(WorkspaceState.PAUSED); // never made: nothing runs
        }
        Instance vm = found.get();
        switch (vm.state()) {
            case STOPPED -> {
                return Convergence.reached(WorkspaceState.PAUSED).with(Convergence.INSTANCE_ID, vm.id());
            }
            case RUNNING -> {
                tolerateConflict(() -> exo.stopInstance(w.zone(), vm.id()));
                return waiting(WorkspaceState.PAUSING, vm, "Stopping the VM");
            }
            case ERROR -> throw OnrampException.conflict("Exoscale reports VM " + vm.id() + " in state error; "
                    + "delete this workspace and create a new one.");
            default -> {
                return waiting(WorkspaceState.PAUSING, vm, "The VM is " + vm.state().value());
            }
        }
    }

    // ---- DELETED ------------------------------------------------------------------------------------------------

    private Convergence delete(ExoscaleClient exo, Workspace w) {
        Map<String, Instance> mine = new LinkedHashMap<>();
        if (w.instanceId() != null) {
            exo.getInstance(w.zone(), w.instanceId()).ifPresent(vm -> mine.put(vm.id(), vm));
        }
        // also any other instance with the workspace's label (one made just before a crash), going away or not
        exo.listInstancesByLabel(w.zone(), ExoscaleClient.WORKSPACE_LABEL, w.id().toString())
                .forEach(vm -> mine.putIfAbsent(vm.id(), vm));
        if (mine.isEmpty()) {
            return Convergence.reached(WorkspaceState.DELETED);
        }
        String reason = "Exoscale is deleting the VM";
        for (Instance vm : mine.values()) {
            if (vm.state().isTransitional()) {
                reason = "Waiting for the VM to settle before deleting it (" + vm.state().value() + ")";
            } else if (!vm.state().isGoingAway()) {
                tolerate(() -> exo.deleteInstance(w.zone(), vm.id()), ErrorCode.CONFLICT, ErrorCode.NOT_FOUND);
            }
        }
        return Convergence.inProgress(WorkspaceState.DELETING, config.recheckInterval(), reason);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The workspace's instance that is not on its way out: by stored id first, else by label. */
    private static Optional<Instance> live(ExoscaleClient exo, Workspace w) {
        if (w.instanceId() != null) {
            Optional<Instance> byId = exo.getInstance(w.zone(), w.instanceId());
            if (byId.isPresent() && !byId.get().state().isGoingAway()) {
                return byId;
            }
        }
        return exo.findInstanceByWorkspace(w.zone(), w.id().toString());
    }

    private Convergence waiting(WorkspaceState state, Instance vm, String reason) {
        return Convergence.inProgress(state, config.recheckInterval(), reason).with(Convergence.INSTANCE_ID, vm.id());
    }

    private String url(String publicIp) {
        return "https://" + publicIp + ":" + config.codeServerPort();
    }

    /** A 409 means the instance changed state meanwhile: the next step looks again. */
    private static void tolerateConflict(Runnable action) {
        tolerate(action, ErrorCode.CONFLICT);
    }

    private static void tolerate(Runnable action, ErrorCode... expected) {
        try {
            action.run();
        } catch (OnrampException e) {
            if (!List.of(expected).contains(e.code())) {
                throw e;
            }
        }
    }
}
