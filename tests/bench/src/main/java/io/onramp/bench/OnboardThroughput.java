package io.onramp.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Onboards N developers through Onramp's GraphQL API ({@code onboard(input: {owners, kind: POD})}, at most 500 per
 * call) and waits until every workspace is RUNNING, measuring: wall time from the first onboard call to the last
 * workspace observed RUNNING (the largest {@code updatedAt} of the RUNNING workspaces, written by the step that saw
 * code-server Ready), the API server requests of Onramp (sandbox counters, without the simulated controllers'), and
 * the CPU time of Onramp's JVM, of its embedded PostgreSQL and of the API server process. With {@code --ide NONE}
 * (namespace and guardrails only) the workspaces are created with {@code createPodWorkspace(input: {owner, ide: NONE})}
 * instead, since {@code onboard} always starts code-server.
 *
 * <pre>
 * OnboardThroughput --url http://127.0.0.1:P --token ADMIN_JWT --sandbox-url http://127.0.0.1:S
 *                   [--developers 1000] [--batch 500] [--ide CODE_SERVER|NONE] [--pid ONRAMP_JVM_PID]
 *                   [--pg-data-dir DIR]
 *                   [--sandbox-pid PID] [--poll-ms 1000] [--timeout-s 3600] [--clk-tck 100] [--out FILE]
 * </pre>
 */
public final class OnboardThroughput {

    private static final String ONBOARD = "mutation($owners: [String!]!) { onboard(input: {owners: $owners, kind: POD})"
            + " { owner created error { code message } } }";
    private static final String PROGRESS = "{ p: workspaces(state: PROVISIONING, first: 100) { nodes { id } "
            + "pageInfo { hasNextPage } } f: workspaces(state: FAILED, first: 5) { nodes { owner stateReason "
            + "lastError } } }";
    private static final String ALL = "query($after: String) { workspaces(first: 500, after: $after, kind: POD) "
            + "{ nodes { owner state updatedAt } pageInfo { endCursor hasNextPage } } }";

    private static final int PER_DOCUMENT = 100;

    private OnboardThroughput() {
    }

    /** The developers' names, the same in both phases: dev0001, dev0002, ... */
    static String owner(int i) {
        return String.format("dev%04d", i);
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
        URI graphql = Http.loopback(args.get("url").replaceAll("/+$", "") + "/graphql");
        String token = args.get("token");
        int developers = args.intValue("developers", 1000);
        int batch = Math.min(args.intValue("batch", 500), 500);
        boolean codeServer = !"NONE".equals(args.get("ide", "CODE_SERVER"));
        long pid = args.longValue("pid", -1);
        long sandboxPid = args.longValue("sandbox-pid", -1);
        long pollMs = args.longValue("poll-ms", 1000);
        Duration timeout = Duration.ofSeconds(args.longValue("timeout-s", 3600));
        double tick = 1000.0 / args.intValue("clk-tck", 100);
        SandboxStats stats = new SandboxStats(args.get("sandbox-url"));
        long postmaster = args.get("pg-data-dir", null) == null ? -1 : Proc.postmaster(args.get("pg-data-dir"));

        gql(graphql, token, "{ me { username } }", Map.of()); // connected and authorised before the clock starts
        stats.reset();
        long jvm0 = pid > 0 ? Proc.cpuTicks(pid) : 0;
        long pg0 = Proc.treeTicks(postmaster);
        long sandbox0 = sandboxPid > 0 ? Proc.cpuTicks(sandboxPid) : 0;
        Instant start = Instant.now();
        long startNanos = System.nanoTime();

        for (int from = 1; from <= developers; from += batch) {
            List<String> owners = new ArrayList<>();
            for (int i = from; i < from + batch && i <= developers; i++) {
                owners.add(owner(i));
            }
            if (codeServer) {
                onboard(graphql, token, owners);
            } else {
                createWithoutIde(graphql, token, owners);
            }
        }
        double onboardSeconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("onramp: %d developers onboarded (mutations returned) after %.1f s%n", developers,
                onboardSeconds);

        long lastPrint = 0;
        while (true) {
            JsonNode progress = gql(graphql, token, PROGRESS, Map.of());
            JsonNode failed = progress.path("f").path("nodes");
            if (failed.size() > 0) {
                throw new IllegalStateException("workspaces FAILED: " + failed);
            }
            JsonNode provisioning = progress.path("p");
            int left = provisioning.path("nodes").size();
            boolean more = provisioning.path("pageInfo").path("hasNextPage").asBoolean();
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            if (left == 0) {
                break;
            }
            if (elapsed - lastPrint >= 10) {
                lastPrint = (long) elapsed;
                System.out.printf("onramp: %5.0f s, %s%d workspaces PROVISIONING%n", elapsed, more ? ">" : "", left);
            }
            if (elapsed > timeout.toSeconds()) {
                throw new IllegalStateException("still " + left + (more ? "+" : "") + " PROVISIONING after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(pollMs);
        }
        double detectedSeconds = (System.nanoTime() - startNanos) / 1e9;
        long jvmMs = pid > 0 ? Math.round((Proc.cpuTicks(pid) - jvm0) * tick) : -1;
        long pgMs = postmaster > 0 ? Math.round((Proc.treeTicks(postmaster) - pg0) * tick) : -1;
        long sandboxMs = sandboxPid > 0 ? Math.round((Proc.cpuTicks(sandboxPid) - sandbox0) * tick) : -1;
        JsonNode counted = stats.read();

        int running = 0;
        Instant last = start;
        String after = null;
        do {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            JsonNode page = gql(graphql, token, ALL, variables).path("workspaces");
            for (JsonNode w : page.path("nodes")) {
                if (w.path("owner").asText().startsWith("dev") && "RUNNING".equals(w.path("state").asText())) {
                    running++;
                    Instant at = OffsetDateTime.parse(w.path("updatedAt").asText()).toInstant();
                    if (at.isAfter(last)) {
                        last = at;
                    }
                }
            }
            after = page.path("pageInfo").path("hasNextPage").asBoolean()
                    ? page.path("pageInfo").path("endCursor").asText() : null;
        } while (after != null);
        if (running != developers) {
            throw new IllegalStateException(running + " of " + developers + " workspaces are RUNNING");
        }
        double seconds = Duration.between(start, last).toNanos() / 1e9;
        long requests = SandboxStats.clientRequests(counted);

        Results results = new Results()
                .put("developers", developers)
                .put("ide", codeServer ? "CODE_SERVER" : "NONE")
                .put("batch", batch)
                .put("onboard_calls_seconds", onboardSeconds)
                .put("seconds", seconds)
                .put("detected_seconds", detectedSeconds)
                .put("ws_per_s", developers / seconds)
                .put("requests", requests)
                .put("requests_per_ws", (double) requests / developers)
                .put("controller_requests", SandboxStats.controllerRequests(counted))
                .put("jvm_cpu_ms_per_ws", jvmMs < 0 ? -1.0 : (double) jvmMs / developers)
                .put("pg_cpu_ms_per_ws", pgMs < 0 ? -1.0 : (double) pgMs / developers)
                .put("sandbox_cpu_ms_per_ws", sandboxMs < 0 ? -1.0 : (double) sandboxMs / developers)
                .put("sandbox_cpu_share", sandboxMs < 0 ? -1.0 : sandboxMs / 1000.0 / detectedSeconds)
                .put("jvm_peak_rss_mib", pid > 0 ? Proc.statusKb(pid, "VmHWM") / 1024 : -1)
                .put("jvm_rss_mib", pid > 0 ? Proc.statusKb(pid, "VmRSS") / 1024 : -1)
                .put("pg_rss_mib", Proc.treeRssKb(postmaster) / 1024);
        System.out.println("onramp results:");
        results.print();
        System.out.println("onramp requests by resource:");
        SandboxStats.clientBreakdown(counted).forEach(System.out::println);
        System.out.println("simulated controllers' requests by resource (not counted above):");
        SandboxStats.controllerBreakdown(counted).forEach(System.out::println);
        results.write(args.get("out", null));
    }

    /** {@code onboard}: workspaces with the default IDE, code-server. */
    private static void onboard(URI graphql, String token, List<String> owners) {
        JsonNode results = gql(graphql, token, ONBOARD, Map.of("owners", owners)).path("onboard");
        for (JsonNode r : results) {
            if (!r.path("error").isNull() && !r.path("error").isMissingNode()) {
                throw new IllegalStateException("onboarding " + r.path("owner").asText() + " failed: " + r);
            }
        }
        if (results.size() != owners.size()) {
            throw new IllegalStateException("onboard answered " + results.size() + " results for " + owners.size()
                    + " owners");
        }
    }

    /**
     * {@code onboard} has no IDE choice, so workspaces without an IDE are created with {@code createPodWorkspace},
     * {@value #PER_DOCUMENT} per GraphQL document (aliases), within the query limits.
     */
    private static void createWithoutIde(URI graphql, String token, List<String> owners) {
        for (int from = 0; from < owners.size(); from += PER_DOCUMENT) {
            StringBuilder doc = new StringBuilder("mutation {");
            List<String> part = owners.subList(from, Math.min(from + PER_DOCUMENT, owners.size()));
            for (int i = 0; i < part.size(); i++) {
                doc.append(" w").append(i).append(": createPodWorkspace(input: {owner: \"").append(part.get(i))
                        .append("\", ide: NONE}) { id }");
            }
            JsonNode created = gql(graphql, token, doc.append(" }").toString(), Map.of());
            if (created.size() != part.size()) {
                throw new IllegalStateException("created " + created.size() + " of " + part.size());
            }
        }
    }

    private static JsonNode gql(URI graphql, String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        JsonNode answer = Http.call("POST", graphql, token, body);
        if (answer.has("errors") && answer.path("errors").size() > 0) {
            throw new IllegalStateException("GraphQL errors: " + answer.path("errors"));
        }
        return answer.path("data");
    }
}
