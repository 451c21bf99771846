package io.onramp.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox's request counters ({@code /onramp-sandbox/stats}). "Client" requests are all but those of the
 * sandbox's own simulated controllers (User-Agent {@value #CONTROLLERS}).
 */
final class SandboxStats {

    static final String CONTROLLERS = "onramp-sandbox-controllers";

    private final String base;

    SandboxStats(String sandboxUrl) {
        this.base = Http.loopback(sandboxUrl).toString().replaceAll("/+$", "");
    }

    JsonNode reset() {
        return Http.call("POST", URI.create(base + "/onramp-sandbox/stats/reset"), null, null);
    }

    JsonNode read() {
        return Http.call("GET", URI.create(base + "/onramp-sandbox/stats"), null, null);
    }

    static long controllerRequests(JsonNode stats) {
        return stats.path("byClient").path(CONTROLLERS).path("total").asLong();
    }

    static long clientRequests(JsonNode stats) {
        return stats.path("total").asLong() - controllerRequests(stats);
    }

    /** "count resource" lines of the client requests, largest first. */
    static List<String> clientBreakdown(JsonNode stats) {
        return breakdown(stats, false);
    }

    /** "count resource" lines of the simulated controllers' requests, largest first. */
    static List<String> controllerBreakdown(JsonNode stats) {
        return breakdown(stats, true);
    }

    private static List<String> breakdown(JsonNode stats, boolean controllers) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        stats.path("byClient").fields().forEachRemaining(client -> {
            if (client.getKey().equals(CONTROLLERS) == controllers) {
                client.getValue().path("byResource").fields()
                        .forEachRemaining(r -> sums.merge(r.getKey(), r.getValue().asLong(), Long::sum));
            }
        });
        List<Map.Entry<String, Long>> entries = new ArrayList<>(sums.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : entries) {
            out.add(String.format("%8d  %s", e.getValue(), e.getKey()));
        }
        return out;
    }
}
