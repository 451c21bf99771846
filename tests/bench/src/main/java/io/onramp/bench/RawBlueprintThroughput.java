package io.onramp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.onramp.pods.blueprint.BlueprintInput;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.Ide;
import io.onramp.pods.blueprint.NamespaceBlueprint;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.pods.blueprint.Size;

/**
 * The API server's raw throughput for what Onramp creates per developer: renders the namespace blueprint of N
 * developers exactly as the pod workspace driver does ({@link NamespaceBlueprint#render} with the default
 * configuration, MEDIUM, the given IDE) and creates every object once (no reads, no waiting), the objects of one
 * developer in order, developers in parallel on a thread pool, with the same client library (fabric8). The clock
 * stops when the last create has answered. With {@code --until-ready} it then also waits, polling one list per
 * {@code --poll-ms}, until every code-server Deployment is Ready (Onramp's end condition), and reports that time
 * too; the creates are timed without that polling.
 *
 * <pre>
 * RawBlueprintThroughput --kubeconfig FILE [--developers 1000] [--threads 16] [--ide CODE_SERVER|NONE]
 *                        [--until-ready] [--poll-ms 1000] [--timeout-s 3600]
 *                        [--sandbox-pid PID] [--clk-tck 100] [--out results.properties]
 * </pre>
 */
public final class RawBlueprintThroughput {

    private RawBlueprintThroughput() {
    }

    public static void main(String[] argv) throws Exception {
        try {
            run(new Args(argv));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the HTTP client's event loop threads would keep the JVM alive
    }

    private static void run(Args args) throws Exception {
        int developers = args.intValue("developers", 1000);
        int threads = args.intValue("threads", 16);
        Ide ide = Ide.valueOf(args.get("ide", "CODE_SERVER"));
        long sandboxPid = args.longValue("sandbox-pid", -1);
        double tick = 1000.0 / args.intValue("clk-tck", 100);
        boolean untilReady = Boolean.parseBoolean(args.get("until-ready", "false"));
        long pollMs = args.longValue("poll-ms", 1000);
        long timeoutSeconds = args.longValue("timeout-s", 3600);

        Config config = Config.fromKubeconfig(Files.readString(Path.of(args.get("kubeconfig"))));
        String master = config.getMasterUrl();
        Http.loopback(master);
        SandboxStats stats = new SandboxStats(master);

        // Render first: only the API calls are timed.
        List<List<HasMetadata>> blueprints = new ArrayList<>();
        int objects = 0;
        for (int i = 1; i <= developers; i++) {
            BlueprintInput input = new BlueprintInput(UUID.randomUUID().toString(), OnboardThroughput.owner(i), null,
                    ide, null, Size.MEDIUM, null, Map.of(), null);
            List<HasMetadata> rendered = NamespaceBlueprint.render(input, PodsConfigs.defaults());
            if (!(rendered.get(0) instanceof Namespace)) {
                throw new IllegalStateException("the blueprint no longer starts with its Namespace");
            }
            blueprints.add(rendered);
            objects += rendered.size();
        }
        System.out.printf("raw: %d developers, %d objects (%d per developer: %s), %d threads, API server %s%n",
                developers, objects, blueprints.get(0).size(), kinds(blueprints.get(0)), threads, master);

        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.getKubernetesVersion(); // connect once before the clock starts
            stats.reset();
            long sandboxTicks0 = sandboxPid > 0 ? Proc.cpuTicks(sandboxPid) : 0;
            long ownCpu0 = ownCpuNanos();
            AtomicLong created = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<HasMetadata> blueprint : blueprints) {
                done.add(pool.submit(() -> {
                    for (HasMetadata object : blueprint) {
                        client.resource(object).create();
                        created.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long ownCpuMs = (ownCpuNanos() - ownCpu0) / 1_000_000;
            long sandboxCpuMs = sandboxPid > 0 ? Math.round((Proc.cpuTicks(sandboxPid) - sandboxTicks0) * tick) : -1;
            JsonNode counted = stats.read();
            long requests = SandboxStats.clientRequests(counted);
            System.out.printf("raw: %d objects created in %.1f s%n", created.get(), seconds);

            // Like-for-like with Onramp's end condition: every code-server Deployment Ready (made so by the
            // sandbox's simulated controllers, if they run). Polled with one list per interval, after the creates.
            double readySeconds = -1;
            if (untilReady && ide == Ide.CODE_SERVER) {
                while (true) {
                    long ready = client.apps().deployments().inAnyNamespace()
                            .withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).list().getItems()
                            .stream().filter(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                                    && d.getStatus().getReadyReplicas() >= 1)
                            .count();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    if (ready >= developers) {
                        readySeconds = elapsed;
                        break;
                    }
                    if (elapsed > timeoutSeconds) {
                        throw new IllegalStateException("only " + ready + " code-server Deployments Ready after "
                                + timeoutSeconds + " s");
                    }
                    Thread.sleep(pollMs);
                }
                System.out.printf("raw: all %d code-server Deployments Ready after %.1f s%n", developers,
                        readySeconds);
            }

            Results results = new Results()
                    .put("developers", developers)
                    .put("ide", ide)
                    .put("threads", threads)
                    .put("objects", created.get())
                    .put("seconds", seconds)
                    .put("objects_per_s", created.get() / seconds)
                    .put("ws_per_s", developers / seconds)
                    .put("requests", requests)
                    .put("requests_per_ws", (double) requests / developers)
                    .put("controller_requests", SandboxStats.controllerRequests(counted))
                    .put("client_cpu_ms_per_ws", (double) ownCpuMs / developers)
                    .put("sandbox_cpu_ms_per_ws", sandboxCpuMs < 0 ? -1.0 : (double) sandboxCpuMs / developers)
                    .put("sandbox_cpu_share", sandboxCpuMs < 0 ? -1.0 : sandboxCpuMs / 1000.0 / seconds)
                    .put("ready_seconds", readySeconds)
                    .put("ready_ws_per_s", readySeconds > 0 ? developers / readySeconds : -1.0);
            System.out.println("raw results:");
            results.print();
            System.out.println("raw requests by resource:");
            SandboxStats.clientBreakdown(counted).forEach(System.out::println);
            results.write(args.get("out", null));
        }
    }

    private static long ownCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String kinds(List<HasMetadata> objects) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        objects.forEach(o -> counts.merge(o.getKind(), 1, Integer::sum));
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(v > 1 ? v + " " : "").append(k));
        return b.toString();
    }
}
