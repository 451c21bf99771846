package io.onramp.vms;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.activity.ActivityRecord;
import io.onramp.core.activity.IdleConfig;
import io.onramp.core.activity.IdleWatch;
import io.onramp.core.activity.ProbeTarget;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;

/**
 * Stops VM workspaces nobody uses. A VM runs the same code-server as a pod (content/cloud-init), so Onramp asks its
 * {@code /healthz} on the public IP, over HTTPS with the certificate pinned at the first answer (VMs make a
 * self-signed one for their IP). The shared security group opens the code-server port to
 * {@code onramp.vms.allowed-ingress-cidrs} ({@code 0.0.0.0/0} by default) plus {@code onramp.vms.probe-cidrs}, so
 * Onramp can ask as long as its egress address is in one of them; nothing is opened to the world for it. VMs with
 * an SSH key are left alone unless {@code onramp.idle.vms.with-ssh-key}: SSH sessions are invisible to the check.
 */
@ApplicationScoped
public class VmIdlePause implements Duty {

    public static final String NAME = "vms.idle-pause";

    private final IdleWatch watch;
    private final IdleConfig config;
    private final VmsConfig vms;

    public VmIdlePause(IdleWatch watch, IdleConfig config, VmsConfig vms) {
        this.watch = watch;
        this.config = config;
        this.vms = vms;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.VMS;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(2);
    }

    @Override
    public DutyReport run(Instant now) {
        List<Workspace> running = watch.running(WorkspaceKind.VM).stream()
                .filter(w -> w.publicIp() != null && !w.publicIp().isBlank())
                .filter(w -> config.vms().withSshKey() || VmSpec.of(w).sshKeyName() == null)
                .toList();
        Map<UUID, ActivityRecord> known = watch.store().find(running.stream().map(Workspace::id).toList());
        List<IdleWatch.Candidate> candidates = running.stream()
                .map(w -> new IdleWatch.Candidate(w, target(config.vms().healthzUrl(), w, vms.codeServerPort(),
                        known.containsKey(w.id()) ? known.get(w.id()).tlsPin() : null)))
                .toList();
        return watch.run(NAME, config.vms().after(), candidates, now);
    }

    /** {@code onramp.idle.vms.healthz-url} with the VM's public IP and code-server's port filled in. */
    static ProbeTarget target(String template, Workspace w, int port, String pinned) {
        String url = template.replace("{publicIp}", w.publicIp()).replace("{port}", Integer.toString(port));
        return new ProbeTarget(URI.create(url), pinned);
    }
}
