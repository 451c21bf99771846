package io.onramp.exoscale.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults to inject, decided per request before it is authenticated (like a load balancer would). Thread safe.
 *
 * <p>Path filters use the path below {@code /v2} with resource ids replaced by {@code {id}}, e.g.
 * {@code "/instance"} or {@code "/instance/{id}:stop"}; a {@code null} method or path matches anything.
 * Scheduled faults ({@link #next}) are used before random ones ({@link #randomly}).
 */
public final class FaultPlan {

    private record Scheduled(Fault fault, String method, String path, int[] remaining) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private double probability;
    private Random random;
    private List<Fault> randomFaults = List.of();
    private String randomMethod;
    private String randomPath;
    private int failOperations;
    private int stallOperations;
    private final AtomicInteger injected = new AtomicInteger();

    /** The next {@code count} requests (of any kind) get {@code fault}. */
    public synchronized FaultPlan next(int count, Fault fault) {
        return next(count, fault, null, null);
    }

    /** The next {@code count} requests matching {@code method} and {@code path} get {@code fault}. */
    public synchronized FaultPlan next(int count, Fault fault, String method, String path) {
        if (count > 0) {
            scheduled.add(new Scheduled(fault, method, path, new int[] {count}));
        }
        return this;
    }

    /**
     * Every request gets, with {@code probability}, one of {@code faults} picked at random; the draws come from a
     * {@link Random} seeded with {@code seed}, so a single-threaded run is reproducible.
     */
    public synchronized FaultPlan randomly(double probability, long seed, Fault... faults) {
        return randomlyOn(probability, seed, null, null, faults);
    }

    /** Like {@link #randomly} but only for requests matching {@code method} and {@code path}. */
    public synchronized FaultPlan randomlyOn(double probability, long seed, String method, String path,
            Fault... faults) {
        if (probability < 0 || probability > 1 || (probability > 0 && faults.length == 0)) {
            throw new IllegalArgumentException("probability in [0,1] and at least one fault required");
        }
        this.probability = probability;
        this.random = new Random(seed);
        this.randomFaults = List.of(faults);
        this.randomMethod = method;
        this.randomPath = path;
        return this;
    }

    /** The next {@code count} {@code POST /instance} create the instance, then lose the answer. */
    public FaultPlan crashAfterCreateInstance(int count, boolean dropConnection) {
        return next(count, dropConnection ? Fault.lostResponse() : Fault.lostResponse(500), "POST", "/instance");
    }

    /** The next {@code count} operations started end in state {@code failure} (reason {@code fault}). */
    public synchronized FaultPlan failNextOperations(int count) {
        failOperations += count;
        return this;
    }

    /** The next {@code count} operations started stay {@code pending} forever. */
    public synchronized FaultPlan stallNextOperations(int count) {
        stallOperations += count;
        return this;
    }

    /** Removes every planned fault. */
    public synchronized FaultPlan clear() {
        scheduled.clear();
        probability = 0;
        random = null;
        randomFaults = List.of();
        failOperations = 0;
        stallOperations = 0;
        return this;
    }

    /** How many request faults were injected since the simulator started or was reset. */
    public int injectedCount() {
        return injected.get();
    }

    synchronized void resetCount() {
        injected.set(0);
    }

    synchronized Fault draw(String method, String pathPattern) {
        Iterator<Scheduled> it = scheduled.iterator();
        while (it.hasNext()) {
            Scheduled s = it.next();
            if (matches(s.method, s.path, method, pathPattern)) {
                if (--s.remaining[0] <= 0) {
                    it.remove();
                }
                injected.incrementAndGet();
                return s.fault;
            }
        }
        if (random != null && probability > 0 && matches(randomMethod, randomPath, method, pathPattern)
                && random.nextDouble() < probability) {
            injected.incrementAndGet();
            return randomFaults.get(random.nextInt(randomFaults.size()));
        }
        return null;
    }

    synchronized boolean takeOperationFailure() {
        if (failOperations > 0) {
            failOperations--;
            return true;
        }
        return false;
    }

    synchronized boolean takeOperationStall() {
        if (stallOperations > 0) {
            stallOperations--;
            return true;
        }
        return false;
    }

    private static boolean matches(String wantMethod, String wantPath, String method, String pathPattern) {
        return (wantMethod == null || wantMethod.equalsIgnoreCase(method))
                && (wantPath == null || wantPath.equals(pathPattern));
    }
}
