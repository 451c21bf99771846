package io.onramp.pods;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.activity.IdleConfig;
import io.onramp.core.activity.IdleWatch;
import io.onramp.core.activity.ProbeTarget;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.schedule.Duty;
import io.onramp.core.schedule.DutyReport;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.Ide;

/**
 * Pauses pod workspaces nobody uses: probes code-server's {@code /healthz} through the workspace's Service (the
 * namespace's {@code onramp-allow-ide-ingress} policy admits Onramp's namespace on code-server's port) and pauses
 * after {@code onramp.idle.pods.after} without activity, through the engine (code-server and the developer's
 * workloads scale to zero, the home volume stays). Workspaces without Onramp's code-server ({@code ide: NONE},
 * e.g. Coder's own agent) give no signal and are left alone.
 */
@ApplicationScoped
public class PodIdlePause implements Duty {

    public static final String NAME = "pods.idle-pause";

    private final IdleWatch watch;
    private final IdleConfig config;

    public PodIdlePause(IdleWatch watch, IdleConfig config) {
        this.watch = watch;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionGroup group() {
        return FunctionGroup.PODS;
    }

    @Override
    public Duration defaultInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public DutyReport run(Instant now) {
        List<IdleWatch.Candidate> candidates = watch.running(WorkspaceKind.POD).stream()
                .filter(PodIdlePause::runsCodeServer)
                .map(w -> new IdleWatch.Candidate(w, target(config.pods().healthzUrl(), w)))
                .toList();
        return watch.run(NAME, config.pods().after(), candidates, now);
    }

    static boolean runsCodeServer(Workspace w) {
        return w.namespace() != null
                && Ide.CODE_SERVER.name().equals(w.spec().getOrDefault(PodWorkspaces.IDE, Ide.CODE_SERVER.name()));
    }

    /** {@code onramp.idle.pods.healthz-url} with the workspace's namespace and its code-server Service filled in. */
    static ProbeTarget target(String template, Workspace w) {
        String url = template.replace("{namespace}", w.namespace())
                .replace("{service}", CodeServerObjects.NAME)
                .replace("{port}", Integer.toString(CodeServerObjects.PORT));
        return new ProbeTarget(URI.create(url), null);
    }
}
