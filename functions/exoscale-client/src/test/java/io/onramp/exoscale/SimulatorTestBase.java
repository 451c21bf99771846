package io.onramp.exoscale;

import io.onramp.exoscale.simulator.ExoscaleSimulator;
import io.onramp.exoscale.simulator.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator per test, a client on it, and a sleeper that moves simulated time instead of sleeping. */
abstract class SimulatorTestBase {

    static final String KEY = "EXOclienttestkey0123456789";
    static final String SECRET = "client-test-secret-ABCDEFGHIJKLMNOPQRSTUVWXYZ012";
    static final String ZONE = "ch-dk-2";

    /** Records every wait and advances the simulator's clock by it. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
        private final ExoscaleSimulator sim;

        RecordingSleeper(ExoscaleSimulator sim) {
            this.sim = sim;
        }

        @Override
        public void sleep(Duration duration) {
            slept.add(duration);
            sim.advance(duration);
        }

        Duration total() {
            synchronized (slept) {
                return slept.stream().reduce(Duration.ZERO, Duration::plus);
            }
        }
    }

    ExoscaleSimulator sim;
    RecordingSleeper sleeper;
    ExoscaleClient client;

    @BeforeEach
    void startSimulator() {
        sim = ExoscaleSimulator.builder().credentials(KEY, SECRET)
                .clock(SimulatedClock.frozenAt(Instant.parse("2025-05-01T08:00:00Z"))).start();
        sleeper = new RecordingSleeper(sim);
        client = clientBuilder(KEY, SECRET).build();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    ExoscaleClient.Builder clientBuilder(String key, String secret) {
        return ExoscaleClient.builder()
                .credentials(ExoscaleCredentials.of(key, secret))
                .endpoint(ExoscaleEndpoint.of(sim.endpointTemplate()))
                .clock(sim.clock())
                .sleeper(sleeper)
                .requestTimeout(Duration.ofSeconds(10));
    }

    /** A valid request for a small Ubuntu VM (catalog calls are then forgotten by the simulator). */
    CreateInstanceRequest request(String name) {
        return request(ZONE, name);
    }

    /** The same for another zone (template ids are per zone). */
    CreateInstanceRequest request(String zone, String name) {
        Template template = client.findTemplate(zone, "Linux Ubuntu 22.04 LTS 64-bit");
        InstanceType type = client.findInstanceType(zone, "standard.small");
        sim.resetCalls();
        return CreateInstanceRequest.builder().name(name).template(template).instanceType(type).diskSizeGiB(20)
                .sshKey("onramp").userData("#cloud-config\n").label("app", "onramp").build();
    }
}
