package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Simulated controllers for the {@link SandboxKubernetes} sandbox, which runs none of its own. They do what Onramp
 * and CKAD-style labs rely on, and mark what they create or whose status they set with
 * {@code onramp.io/simulated: "true"}:
 * <ul>
 * <li>Deployment -> ReplicaSet ({@code pod-template-hash}) -> Pods, Running and Ready with a pod IP from
 * 10.244.0.0/16; scaling (also to 0) adds or removes pods; deployment and replica set status and conditions.</li>
 * <li>StatefulSet -> pods {@code <name>-0..n-1} (and claims of its volume claim templates); DaemonSet -> one pod.</li>
 * <li>Job -> pods that succeed at once; status succeeded = completions, condition Complete.</li>
 * <li>PersistentVolumeClaim -> Bound to a simulated volume with the requested capacity.</li>
 * <li>Service -> cluster IP, node ports, and Endpoints of the matching pods.</li>
 * <li>Pods created directly -> Running and Ready on the simulated node {@code sandbox-node}.</li>
 * <li>Deleting a Namespace deletes its objects; objects whose owners are gone are deleted.</li>
 * </ul>
 * Selection is done in Java (the mock server ignores set-based selectors) and writes use create, update and delete
 * only (it refuses strategic merge patches and server-side apply).
 * <p>
 * Use {@link #reconcileNow()} in tests (synchronous: runs passes until nothing changes) or {@link #start()} for a
 * background loop driven by watches with a periodic resync. Thread-safe; one failing object is logged and skipped.
 */
public final class SandboxControllers implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SandboxControllers.class.getName());
  /** Upper bound of passes per {@link #reconcileNow()}; a chain Deployment -> status needs three. */
  static final int MAX_PASSES = 10;

  private final KubernetesClient client;
  private final Duration resync;
  private final ControllerContext context;
  private final NamespaceReaper namespaceReaper;
  private final GarbageCollector garbageCollector;
  private final DeploymentController deployments = new DeploymentController();
  private final ReplicaSetController replicaSets = new ReplicaSetController();
  private final StatefulSetController statefulSets = new StatefulSetController();
  private final DaemonSetController daemonSets = new DaemonSetController();
  private final JobController jobs = new JobController();
  private final SimulatedKubelet kubelet = new SimulatedKubelet();
  private final VolumeBinder volumes = new VolumeBinder();
  private final ServiceAddresses serviceAddresses = new ServiceAddresses();
  private final EndpointsController endpoints = new EndpointsController();

  private final ReentrantLock reconcileLock = new ReentrantLock();
  private final Semaphore wakeUp = new Semaphore(0);
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Watch> watches = new ArrayList<>();
  private volatile boolean watchesBroken;
  private ExecutorService loop;

  /** Controllers for {@code sandbox}, resyncing every second once {@link #start() started}. */
  public SandboxControllers(SandboxKubernetes sandbox) {
    this(sandbox, Duration.ofSeconds(1));
  }

  /**
   * Controllers for {@code sandbox}.
   *
   * @param resync how often the background loop reconciles without being woken by a watch event
   */
  public SandboxControllers(SandboxKubernetes sandbox, Duration resync) {
    this.client = sandbox.client();
    this.resync = resync;
    this.context = new ControllerContext(client, new SandboxNode());
    this.namespaceReaper = new NamespaceReaper(sandbox.catalog());
    this.garbageCollector = new GarbageCollector(sandbox.catalog());
    sandbox.onNamespaceDeleted(name -> {
      namespaceReaper.namespaceDeleted(name);
      wakeUp();
    });
  }

  /**
   * Reconciles everything now, on the calling thread, pass after pass until a pass changes nothing (at most
   * {@value #MAX_PASSES} passes).
   *
   * @return the number of writes (creates, updates, deletes) made
   */
  public int reconcileNow() {
    if (closed.get()) {
      throw new IllegalStateException("the sandbox controllers are closed");
    }
    reconcileLock.lock();
    try {
      int total = 0;
      boolean collectGarbage = true;
      for (int pass = 0; pass < MAX_PASSES; pass++) {
        int writes = pass(collectGarbage);
        collectGarbage = lastGarbageWrites > 0;
        total += writes;
        if (writes == 0) {
          return total;
        }
      }
      LOG.log(Level.WARNING, "sandbox controllers did not settle after " + MAX_PASSES + " passes");
      return total;
    } finally {
      reconcileLock.unlock();
    }
  }

  /** Writes of the garbage collector in the last pass: when it deleted something, the next pass collects again. */
  private int lastGarbageWrites;

  /**
   * One pass over all controllers. The garbage collector lists many types, so it runs in the first pass of a
   * reconcile and again only after a pass in which it deleted something (a cascade goes one level per pass).
   */
  private int pass(boolean collectGarbage) {
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    context.beginPass(pods);
    step("node", () -> context.node.reconcile(context));
    step("namespace-reaper", () -> namespaceReaper.reconcile(context));
    lastGarbageWrites = 0;
    if (collectGarbage) {
      step("garbage-collector", () -> lastGarbageWrites = garbageCollector.reconcile(context));
    }
    step("deployment-controller", () -> deployments.reconcile(context));
    step("replicaset-controller", () -> replicaSets.reconcile(context));
    step("statefulset-controller", () -> statefulSets.reconcile(context));
    step("daemonset-controller", () -> daemonSets.reconcile(context));
    step("job-controller", () -> jobs.reconcile(context));
    step("kubelet", () -> kubelet.reconcile(context));
    step("volume-binder", () -> volumes.reconcile(context));
    step("service-addresses", () -> serviceAddresses.reconcile(context));
    step("endpoints-controller", () -> endpoints.reconcile(context));
    return context.writes();
  }

  private void step(String name, java.util.function.IntSupplier controller) {
    try {
      controller.getAsInt();
    } catch (RuntimeException e) {
      if (closed.get()) {
        return; // stopping: the client may already be gone
      }
      LOG.log(Level.WARNING, name + " failed: " + e.getMessage());
      LOG.log(Level.DEBUG, "stack trace", e);
    }
  }

  /**
   * Starts the background loop: watches on the simulated kinds wake it up, and it reconciles at least once per
   * resync period. Returns at once; idempotent.
   */
  public SandboxControllers start() {
    if (closed.get()) {
      throw new IllegalStateException("the sandbox controllers are closed");
    }
    if (!started.compareAndSet(false, true)) {
      return this;
    }
    loop = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "onramp-sandbox-controllers");
      t.setDaemon(true);
      return t;
    });
    loop.execute(this::runLoop);
    return this;
  }

  public boolean isRunning() {
    return started.get() && !closed.get();
  }

  private void runLoop() {
    openWatches();
    while (!closed.get()) {
      try {
        reconcileNow();
      } catch (RuntimeException e) {
        if (!closed.get()) {
          LOG.log(Level.WARNING, "sandbox reconcile failed: " + e.getMessage());
        }
      }
      try {
        wakeUp.tryAcquire(resync.toMillis(), TimeUnit.MILLISECONDS);
        Thread.sleep(20); // let a burst of events arrive, then reconcile once
        wakeUp.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (watchesBroken && !closed.get()) {
        closeWatches();
        openWatches();
      }
    }
  }

  private void wakeUp() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  private synchronized void openWatches() {
    watchesBroken = false;
    try {
      watch(client.namespaces());
      watch(client.pods().inAnyNamespace());
      watch(client.apps().deployments().inAnyNamespace());
      watch(client.apps().replicaSets().inAnyNamespace());
      watch(client.apps().statefulSets().inAnyNamespace());
      watch(client.apps().daemonSets().inAnyNamespace());
      watch(client.batch().v1().jobs().inAnyNamespace());
      watch(client.persistentVolumeClaims().inAnyNamespace());
      watch(client.services().inAnyNamespace());
    } catch (RuntimeException e) {
      watchesBroken = true;
      LOG.log(Level.WARNING, "sandbox controllers cannot watch, relying on resync: " + e.getMessage());
    }
  }

  private <T> void watch(Watchable<T> watchable) {
    watches.add(watchable.watch(new Watcher<T>() {
      @Override
      public void eventReceived(Action action, T resource) {
        wakeUp();
      }

      @Override
      public void onClose(WatcherException cause) {
        if (!closed.get()) {
          watchesBroken = true;
          wakeUp();
        }
      }
    }));
  }

  private synchronized void closeWatches() {
    for (Watch watch : watches) {
      try {
        watch.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing a watch failed", e);
      }
    }
    watches.clear();
  }

  /** Stops the background loop and its watches. Does not close the sandbox or its client. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    wakeUp.release();
    closeWatches();
    if (loop != null) {
      loop.shutdownNow();
      try {
        if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "sandbox controller loop did not stop within 5 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeWatches();
  }
}
