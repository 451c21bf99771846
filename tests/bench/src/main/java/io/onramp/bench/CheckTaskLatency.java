package io.onramp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * checkTask latency and throughput, end to end over real HTTP against a running Onramp (run by
 * tests/bench/check-task.sh): every call grades a task against the workspace's namespace through the Kubernetes API
 * and records the attempt in PostgreSQL, exactly what a developer's check does. Self-contained (JDK only), so it runs
 * with {@code java CheckTaskLatency.java} without building anything.
 *
 * <ol>
 * <li>warm-up: {@code --warmup} rounds of both calls (not measured), so that the JIT has compiled the paths;</li>
 * <li>Onramp's CPU use while idle for 5 s (its sandbox controllers share its JVM), subtracted from the busy figure;</li>
 * <li>one call at a time, alternating GraphQL {@code checkTask} with the developer's token and {@code POST
 * /workspace/check} with the workspace token ({@code onramp-check}'s route), so both see the same load: p50, p90,
 * p99, max, calls/s each, and Onramp's CPU per call;</li>
 * <li>GraphQL {@code checkTask} from {@code --concurrency} clients at once: throughput and latency under load;</li>
 * <li>the owner's recorded attempts grew by exactly the number of calls (each call wrote to the database), and every
 * answer was a full-marks pass (the reference solutions are applied).</li>
 * </ol>
 * Tokens come from the environment ({@code BENCH_DEV_TOKEN}, {@code BENCH_WORKSPACE_TOKEN}), never from arguments.
 */
public final class CheckTaskLatency {

    private static final Pattern ATTEMPTS = Pattern.compile("\"labId\":\"([^\"]+)\",\"attempts\":(\\d+)");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI graphql;
    private final URI check;
    private final String devToken;
    private final String workspaceToken;
    private final String workspace;
    private final String lab;
    private final List<String> tasks;

    CheckTaskLatency(String url, String devToken, String workspaceToken, String workspace, String lab,
            List<String> tasks) {
        this.graphql = loopback(url + "/graphql");
        this.check = loopback(url + "/workspace/check");
        this.devToken = devToken;
        this.workspaceToken = workspaceToken;
        this.workspace = workspace;
        this.lab = lab;
        this.tasks = tasks;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = args(argv);
        String devToken = System.getenv("BENCH_DEV_TOKEN");
        String workspaceToken = System.getenv("BENCH_WORKSPACE_TOKEN");
        if (devToken == null || workspaceToken == null) {
            throw new IllegalArgumentException("set BENCH_DEV_TOKEN and BENCH_WORKSPACE_TOKEN");
        }
        int iterations = Integer.parseInt(args.getOrDefault("iterations", "500"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "1500"));
        int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "4"));
        long pid = Long.parseLong(args.getOrDefault("pid", "0"));
        CheckTaskLatency bench = new CheckTaskLatency(require(args, "url"), devToken, workspaceToken,
                require(args, "workspace"), require(args, "lab"), List.of(require(args, "tasks").split(",")));

        Map<String, String> results = new LinkedHashMap<>();
        results.put("lab", bench.lab);
        results.put("tasks", String.join(",", bench.tasks));
        results.put("iterations", Integer.toString(iterations));
        long attemptsBefore = bench.attempts();
        int calls = 0;

        // until the JIT has compiled the request paths (a fresh JVM needs a few thousand requests)
        for (int i = 0; i < warmup; i++) {
            bench.graphqlCheck(i);
            bench.workspaceCheck(i);
        }
        calls += 2 * warmup;

        // Onramp's CPU while idle (its sandbox controllers run in the same JVM), to subtract from the busy figure
        long idle0 = cpuTicks(pid);
        long idleStart = System.nanoTime();
        Thread.sleep(5000);
        double idleMsPerS = ticksToMs(cpuTicks(pid) - idle0) / ((System.nanoTime() - idleStart) / 1e9);

        // one call at a time, GraphQL and the workspace route interleaved so that both see the same machine load
        long[] sequential = new long[iterations];
        long[] route = new long[iterations];
        long cpu0 = cpuTicks(pid);
        long busyStart = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            bench.graphqlCheck(i);
            long t1 = System.nanoTime();
            bench.workspaceCheck(i);
            sequential[i] = t1 - t0;
            route[i] = System.nanoTime() - t1;
        }
        double busySeconds = (System.nanoTime() - busyStart) / 1e9;
        long cpu1 = cpuTicks(pid);
        calls += 2 * iterations;
        put(results, "graphql", sequential);
        put(results, "workspace_route", route);
        results.put("jvm_cpu_ms_per_call", fmt((ticksToMs(cpu1 - cpu0) - idleMsPerS * busySeconds)
                / (2 * iterations)));
        results.put("jvm_idle_cpu_ms_per_s", fmt(idleMsPerS));

        long[] loaded = new long[iterations];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            futures.add(pool.submit(() -> {
                for (int i = worker; i < iterations; i += concurrency) {
                    long t0 = System.nanoTime();
                    bench.graphqlCheck(i);
                    loaded[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        calls += iterations;
        results.put("concurrency", Integer.toString(concurrency));
        put(results, "graphql_concurrent", loaded);
        results.put("graphql_concurrent_calls_per_s", fmt(iterations / (wall / 1e9)));

        long recorded = bench.attempts() - attemptsBefore;
        if (recorded != calls) {
            throw new IllegalStateException("expected " + calls + " recorded attempts, found " + recorded);
        }
        results.put("recorded_attempts", Long.toString(recorded));

        StringBuilder out = new StringBuilder();
        results.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), out.toString());
        }
    }

    void graphqlCheck(int i) throws IOException, InterruptedException {
        String task = tasks.get(i % tasks.size());
        String body = "{\"query\":\"mutation($w: ID!, $l: String!, $t: String!) { checkTask(workspaceId: $w, "
                + "labId: $l, taskId: $t) { passed score maxScore checks { id passed hint } } }\","
                + "\"variables\":{\"w\":\"" + workspace + "\",\"l\":\"" + lab + "\",\"t\":\"" + task + "\"}}";
        HttpResponse<String> r = post(graphql, devToken, "application/json", body);
        if (r.statusCode() != 200 || r.body().contains("\"errors\"") || !r.body().contains("\"checkTask\":{\"passed\":true")) {
            throw new IllegalStateException("checkTask " + task + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    void workspaceCheck(int i) throws IOException, InterruptedException {
        String task = tasks.get(i % tasks.size());
        String body = "{\"workspaceId\":\"" + workspace + "\",\"labId\":\"" + lab + "\",\"taskId\":\"" + task + "\"}";
        HttpResponse<String> r = post(check, workspaceToken, "text/plain", body);
        if (r.statusCode() != 200 || !"true".equals(r.headers().firstValue("Onramp-Task-Passed").orElse(""))) {
            throw new IllegalStateException("/workspace/check " + task + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The owner's recorded check attempts in the lab (from labProgress). */
    long attempts() throws IOException, InterruptedException {
        HttpResponse<String> r = post(graphql, devToken, "application/json",
                "{\"query\":\"{ labProgress { labId attempts } }\"}");
        long sum = 0;
        Matcher m = ATTEMPTS.matcher(r.body());
        while (m.find()) {
            if (m.group(1).equals(lab)) {
                sum += Long.parseLong(m.group(2));
            }
        }
        return sum;
    }

    private static HttpResponse<String> post(URI uri, String token, String accept, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", accept)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void put(Map<String, String> results, String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e9;
        results.put(name + "_p50_ms", fmt(percentile(sorted, 50)));
        results.put(name + "_p90_ms", fmt(percentile(sorted, 90)));
        results.put(name + "_p99_ms", fmt(percentile(sorted, 99)));
        results.put(name + "_max_ms", fmt(sorted[sorted.length - 1] / 1e6));
        results.put(name + "_mean_ms", fmt(total * 1000 / nanos.length));
        results.put(name + "_calls_per_s", fmt(nanos.length / total));
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double ticksToMs(long ticks) {
        String hz = System.getenv().getOrDefault("BENCH_CLK_TCK", "100");
        return ticks * 1000.0 / Long.parseLong(hz);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static URI loopback(String url) {
        URI uri = URI.create(url);
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("refusing a non-loopback address: " + url);
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + url, e);
        }
        return uri;
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    private static String require(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
