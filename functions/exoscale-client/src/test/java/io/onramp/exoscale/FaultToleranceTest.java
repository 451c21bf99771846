package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.exoscale.simulator.Fault;
import io.onramp.exoscale.simulator.SimulatedInstance;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Retries, back-off, duplicate-free creation and polling under injected faults. */
class FaultToleranceTest extends SimulatorTestBase {

    private static final String LABEL = ExoscaleClient.WORKSPACE_LABEL;

    @Test
    void ensureInstanceConvergesToOneInstancePerWorkspaceUnderThirtyPercentFaults() {
        CreateInstanceRequest req = request("lab");
        sim.faults().randomly(0.3, 20250501L, Fault.status(500), Fault.status(502), Fault.status(503),
                Fault.status(504), Fault.rateLimited(2), Fault.dropConnection(), Fault.lostResponse(),
                Fault.lostResponse(502));
        Map<String, String> idByWorkspace = new LinkedHashMap<>();
        int failedCalls = 0;
        for (int w = 0; w < 20; w++) {
            String ws = "ws-" + w;
            for (int attempt = 0; attempt < 10 && !idByWorkspace.containsKey(ws); attempt++) {
                try { // the workspace engine reconciles again after a failure
                    idByWorkspace.put(ws, client.ensureInstance(ZONE, ws, req).id());
                } catch (OnrampException e) {
                    assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
                    failedCalls++;
                }
            }
            assertTrue(idByWorkspace.containsKey(ws), ws + " did not converge");
        }
        int injected = sim.faults().injectedCount();
        int posts = sim.callCount("POST", "/instance");
        sim.faults().clear();

        List<SimulatedInstance> all = sim.instances(ZONE);
        assertEquals(20, all.size(), "instances: " + all);
        for (Map.Entry<String, String> e : idByWorkspace.entrySet()) {
            List<SimulatedInstance> mine = all.stream().filter(i -> e.getKey().equals(i.labels().get(LABEL))).toList();
            assertEquals(1, mine.size(), e.getKey());
            assertEquals(e.getValue(), mine.get(0).id());
            Instance again = client.ensureInstance(ZONE, e.getKey(), req);
            assertEquals(e.getValue(), again.id());
            assertEquals(InstanceState.RUNNING, again.state());
        }
        assertEquals(20, sim.instances(ZONE).size());
        assertTrue(injected > 30, "faults injected: " + injected);
        assertTrue(posts > 20, "POST /instance calls: " + posts + " (some creates must have been retried)");
        System.out.printf("30%% faults: %d injected, %d POST /instance, %d ensureInstance failures, 20 instances%n",
                injected, posts, failedCalls);
    }

    @Test
    void concurrentEnsureInstanceForOneWorkspaceMakesOneInstance() throws Exception {
        CreateInstanceRequest req = request("lab");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            results.add(pool.submit(() -> {
                go.await();
                return client.ensureInstance(ZONE, "ws-shared", req).id();
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<String> f : results) {
            ids.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertEquals(1, sim.instances(ZONE).size());
        assertEquals(1, sim.callCount("POST", "/instance"));
        assertEquals(0, client.workspaceLocksInUse());
    }

    @Test
    void concurrentEnsureInstanceForDifferentWorkspacesRunsInParallel() throws Exception {
        CreateInstanceRequest req = request("lab");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Instance>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String ws = "ws-" + (t % 4); // two callers per workspace
            results.add(pool.submit(() -> client.ensureInstance(ZONE, ws, req)));
        }
        Set<String> ids = new HashSet<>();
        for (Future<Instance> f : results) {
            ids.add(f.get(60, TimeUnit.SECONDS).id());
        }
        pool.shutdown();
        assertEquals(4, ids.size());
        assertEquals(4, sim.instances(ZONE).size());
    }

    @Test
    void droppedConnectionAfterCreateThenRetryStillMakesOneInstance() {
        CreateInstanceRequest req = request("lab");
        sim.faults().crashAfterCreateInstance(1, true);
        ExoscaleApiException lost = assertThrows(ExoscaleApiException.class,
                () -> client.createInstanceOnce(ZONE, req.withLabel(LABEL, "ws-crash")));
        assertEquals(ErrorCode.UNAVAILABLE, lost.code());
        assertEquals(0, lost.httpStatus());
        assertTrue(lost.outcomeUnknown());
        assertEquals(1, sim.callCount("POST", "/instance")); // never retried blindly
        assertEquals(1, sim.instances(ZONE).size()); // but the VM exists

        Instance found = client.ensureInstance(ZONE, "ws-crash", req);
        assertEquals(sim.instances(ZONE).get(0).id(), found.id());
        assertEquals(InstanceState.RUNNING, found.state());
        assertEquals(1, sim.callCount("POST", "/instance"));
        assertEquals(1, sim.instances(ZONE).size());
    }

    @Test
    void ensureInstanceLooksAgainAfterALostAnswer() {
        CreateInstanceRequest req = request("lab");
        sim.faults().crashAfterCreateInstance(1, true);
        Instance i = client.ensureInstance(ZONE, "ws-drop", req);
        assertEquals(1, sim.callCount("POST", "/instance"));
        assertEquals(1, sim.instances(ZONE).size());
        assertEquals(Duration.ofSeconds(1), sleeper.slept.get(0)); // back-off before looking again
        assertEquals(InstanceState.RUNNING, i.state());

        sim.faults().crashAfterCreateInstance(1, false); // HTTP 500 after the VM was made
        client.ensureInstance(ZONE, "ws-500", req);
        assertEquals(2, sim.callCount("POST", "/instance"));
        assertEquals(2, sim.instances(ZONE).size());
    }

    @Test
    void createInstanceOnceNeverRetries() {
        CreateInstanceRequest req = request("lab");
        sim.faults().next(1, Fault.status(503), "POST", "/instance");
        ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> client.createInstanceOnce(ZONE, req));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        sim.faults().next(1, Fault.rateLimited(1), "POST", "/instance");
        assertThrows(ExoscaleApiException.class, () -> client.createInstanceOnce(ZONE, req));
        assertEquals(2, sim.callCount("POST", "/instance"));
        assertTrue(sleeper.slept.isEmpty());
        assertTrue(sim.instances(ZONE).isEmpty());
        // ensureInstance retries a refused create (after looking again)
        sim.faults().next(2, Fault.status(503), "POST", "/instance");
        client.ensureInstance(ZONE, "ws-503", req);
        assertEquals(5, sim.callCount("POST", "/instance"));
        assertEquals(1, sim.instances(ZONE).size());
    }

    @Test
    void rateLimitWaitsForRetryAfter() {
        sim.faults().next(1, Fault.rateLimited(7), "GET", "/instance");
        assertTrue(client.listInstances(ZONE).isEmpty());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.slept);
        assertEquals(2, sim.callCount("GET", "/instance"));
    }

    @Test
    void rateLimitThatDoesNotEndIsUnavailable() {
        sim.faults().next(5, Fault.rateLimited(1), "GET", "/instance");
        ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> client.listInstances(ZONE));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals(429, e.httpStatus());
        assertTrue(e.getMessage().contains("rate limiting"), e.getMessage());
        assertEquals(5, sim.callCount("GET", "/instance"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                sleeper.slept);
        // a Retry-After beyond the policy's limit is not waited for
        sim.faults().next(1, Fault.rateLimited(3600), "GET", "/instance");
        assertEquals(429, assertThrows(ExoscaleApiException.class, () -> client.listInstances(ZONE)).httpStatus());
        assertEquals(4, sleeper.slept.size());
    }

    @Test
    void retryAfterLongerThanTheSignatureValidityIsSignedAnew() {
        ExoscaleClient patient = clientBuilder(KEY, SECRET)
                .retryPolicy(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(20)))
                .build();
        sim.faults().next(1, Fault.rateLimited(700), "GET", "/instance");
        assertTrue(patient.listInstances(ZONE).isEmpty()); // a reused signature would have expired (600 s)
        assertEquals(List.of(Duration.ofSeconds(700)), sleeper.slept);
    }

    @Test
    void serverErrorsBackOffExponentially() {
        sim.faults().next(4, Fault.status(503), "GET", "/instance");
        assertTrue(client.listInstances(ZONE).isEmpty());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
                sleeper.slept);
        sim.faults().next(5, Fault.status(502), "GET", "/instance");
        ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> client.listInstances(ZONE));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals(502, e.httpStatus());
        sim.resetCalls();
        sim.faults().next(1, Fault.status(501), "GET", "/instance");
        assertEquals(ErrorCode.INTERNAL, assertThrows(OnrampException.class, () -> client.listInstances(ZONE)).code());
        assertEquals(1, sim.callCount("GET", "/instance"));
    }

    @Test
    void unreachableEndpointIsUnavailableAndNamesTheHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ExoscaleClient nowhere = clientBuilder(KEY, SECRET)
                .endpoint(ExoscaleEndpoint.of("http://127.0.0.1:" + port + "/{zone}/v2")).build();
        ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> nowhere.listInstances(ZONE));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertEquals(4, sleeper.slept.size()); // connection failures are retried
        // a refused connection never reached the server: even a POST is retried
        sleeper.slept.clear();
        assertThrows(ExoscaleApiException.class, () -> nowhere.createSecurityGroup(ZONE, "g", null));
        assertEquals(4, sleeper.slept.size());
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() {
        Instance i = client.ensureInstance(ZONE, "ws-slow", request("lab"));
        ExoscaleClient impatient = clientBuilder(KEY, SECRET).requestTimeout(Duration.ofMillis(300)).build();
        sleeper.slept.clear();
        sim.faults().next(1, Fault.slow(Duration.ofMillis(1500)), "GET", "/instance/{id}");
        assertEquals(i.id(), impatient.getInstance(ZONE, i.id()).orElseThrow().id());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.slept);

        ExoscaleClient once = clientBuilder(KEY, SECRET).requestTimeout(Duration.ofMillis(300))
                .retryPolicy(RetryPolicy.NONE).build();
        sim.faults().next(1, Fault.slow(Duration.ofMillis(1500)), "GET", "/instance/{id}");
        ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> once.getInstance(ZONE, i.id()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("no answer in time"), e.getMessage());
        assertTrue(e.outcomeUnknown());
    }

    @Test
    void pollingToleratesFourErrorsAndGivesUpAfterFive() {
        CreateInstanceRequest req = request("lab");
        Operation first = client.createInstanceOnce(ZONE, req);
        sim.faults().next(4, Fault.status(503), "GET", "/operation/{id}");
        assertTrue(client.awaitOperation(ZONE, first).isSuccess());

        Operation second = client.createInstanceOnce(ZONE, req);
        sim.faults().next(5, Fault.status(503), "GET", "/operation/{id}");
        ExoscaleOperationException e = assertThrows(ExoscaleOperationException.class,
                () -> client.awaitOperation(ZONE, second));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("after 5 consecutive errors"), e.getMessage());
        assertNotNull(e.operation());

        Operation third = client.createInstanceOnce(ZONE, req);
        sim.faults().next(1, Fault.status(404), "GET", "/operation/{id}");
        assertEquals(ErrorCode.NOT_FOUND,
                assertThrows(OnrampException.class, () -> client.awaitOperation(ZONE, third)).code());
    }

    @Test
    void lostAnswersOfIdempotentChangesAreSortedOut() {
        Instance i = client.ensureInstance(ZONE, "ws-lost", request("lab"));
        sim.faults().next(1, Fault.lostResponse(), "PUT", "/instance/{id}:stop");
        assertEquals(InstanceState.STOPPED, client.stopIfNeeded(ZONE, i.id()).state());
        sim.faults().next(1, Fault.lostResponse(503), "DELETE", "/instance/{id}");
        client.ensureDeleted(ZONE, i.id());
        assertTrue(sim.instances(ZONE).isEmpty());
    }

    @Test
    void securityGroupCreateWithLostAnswerIsFoundByName() {
        sim.faults().next(1, Fault.lostResponse(502), "POST", "/security-group");
        SecurityGroup g = client.ensureSecurityGroup(ZONE, "onramp-labs", null);
        assertEquals("onramp-labs", g.name());
        assertEquals(1, sim.callCount("POST", "/security-group"));
        assertEquals(1, sim.securityGroups().size());
    }

    @Test
    void badCredentialsAreUnavailableAndNameTheSettings() {
        for (ExoscaleClient wrong : List.of(clientBuilder(KEY, SECRET + "-wrong").build(),
                clientBuilder("EXOunknownkey00000000000000", SECRET).build())) {
            sim.resetCalls();
            ExoscaleApiException e = assertThrows(ExoscaleApiException.class, () -> wrong.listInstances(ZONE));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertEquals(403, e.httpStatus());
            assertTrue(e.getMessage().contains("check EXOSCALE_API_KEY and EXOSCALE_API_SECRET"), e.getMessage());
            assertTrue(!e.getMessage().contains(SECRET) && !e.getMessage().contains(KEY), e.getMessage());
            assertEquals(1, sim.callCount("GET", "/instance")); // not retried
        }
    }
}
