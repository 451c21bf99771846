package io.onramp.core.workspace;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The background worker: claims due jobs of the kinds this process serves (POD with the pods group, VM with the vms
 * group) and runs them on a small pool. Woken at once by mutations made in this process, otherwise it polls. In a
 * cluster the functions scale to zero between requests, so the {@code pods.jobs} and {@code vms.jobs} duties
 * ({@link DueJobsDuty}), run by PingSources and by the gateway's wake-up call, drain the due jobs as well.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final WorkspaceEngine engine;
    private final EngineConfig config;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService pool;
    private Thread loop;

    public JobWorker(WorkspaceEngine engine, EngineConfig config) {
        this.engine = engine;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.workerEnabled()) {
            LOG.info("Workspace job worker is off in this process (onramp.engine.worker-enabled=false)");
            return;
        }
        if (engine.servedKinds().isEmpty()) {
            LOG.info("Workspace job worker is off: this process serves neither pods nor vms (onramp.deployment.serve)");
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "onramp-job");
            t.setDaemon(true);
            return t;
        });
        engine.onWork(wake::release);
        loop = new Thread(this::run, "onramp-job-worker");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake.release();
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                int free = config.concurrency() - busy.get();
                List<ClaimedJob> jobs = free > 0 ? engine.claimDueJobs(free) : List.of();
                for (ClaimedJob job : jobs) {
                    busy.incrementAndGet();
                    pool.execute(() -> {
                        try {
                            engine.process(job);
                        } catch (RuntimeException e) {
                            LOG.warnf("Converge step for workspace %s failed unexpectedly: %s", job.workspaceId(), e.getMessage());
                        } finally {
                            busy.decrementAndGet();
                            wake.release();
                        }
                    });
                }
                if (jobs.isEmpty() || free <= 0) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Job worker could not claim jobs (will retry): %s", e.getMessage());
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
