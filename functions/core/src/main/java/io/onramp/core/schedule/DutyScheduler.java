package io.onramp.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Finds the {@link Duty} beans, runs those of the served groups on a timer in-process, and runs one by name on request. */
@ApplicationScoped
public class DutyScheduler {

    private static final Logger LOG = Logger.getLogger(DutyScheduler.class);

    private final Instance<Duty> duties;
    private final DutiesConfig config;
    private final DeploymentConfig deployment;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public DutyScheduler(Instance<Duty> duties, DutiesConfig config, DeploymentConfig deployment, Clock clock) {
        this.duties = duties;
        this.config = config;
        this.deployment = deployment;
        this.clock = clock;
    }

    /** The duties this process serves and has enabled, by name. */
    public List<Duty> active() {
        List<Duty> out = new ArrayList<>();
        for (Duty d : duties) {
            if (deployment.serves(d.group()) && enabled(d)) {
                out.add(d);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    public boolean enabled(Duty d) {
        return settings(d).flatMap(DutiesConfig.DutySettings::enabled).orElse(d.enabledByDefault());
    }

    public Duration interval(Duty d) {
        return settings(d).flatMap(DutiesConfig.DutySettings::interval).orElse(d.defaultInterval());
    }

    /** Runs one duty now (PingSource or admin); NOT_FOUND when this process does not serve or enable it. */
    public DutyReport run(String name) {
        Duty duty = active().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new OnrampException(ErrorCode.NOT_FOUND,
                        "No enabled duty named '" + name + "' runs in this process"));
        return duty.run(clock.instant());
    }

    /**
     * Settings by the duty's name, matched loosely: an environment variable cannot spell the dot in a name, so
     * {@code ONRAMP_DUTIES__PODS_RECONCILE__INTERVAL} (key {@code pods-reconcile} or {@code pods_reconcile}) finds
     * {@code pods.reconcile} as well as the property {@code onramp.duties."pods.reconcile".interval} does.
     */
    private Optional<DutiesConfig.DutySettings> settings(Duty d) {
        DutiesConfig.DutySettings exact = config.duty().get(d.name());
        if (exact != null) {
            return Optional.of(exact);
        }
        String wanted = loose(d.name());
        return config.duty().entrySet().stream().filter(e -> loose(e.getKey()).equals(wanted))
                .map(java.util.Map.Entry::getValue).findFirst();
    }

    static String loose(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    void start(@Observes StartupEvent event) {
        if (!config.inProcess()) {
            return;
        }
        List<Duty> active = active();
        if (active.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onramp-duties");
            t.setDaemon(true);
            return t;
        });
        for (Duty d : active) {
            long every = Math.max(1, interval(d).toMillis());
            timer.scheduleWithFixedDelay(() -> runQuietly(d), every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void runQuietly(Duty d) {
        try {
            DutyReport report = d.run(clock.instant());
            if (report.acted() > 0) {
                LOG.infof("Duty %s: examined %d, acted on %d %s", d.name(), report.examined(), report.acted(), report.notes());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Duty %s failed (will run again): %s", d.name(), e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
