package io.onramp.exoscale.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, with requests signed by a minimal test signer. */
class ExoscaleSimulatorTest {

    private static final String KEY = "EXOsimulatortestkey000000";
    private static final String SECRET = "simulator-test-secret-0123456789abcdefghijk";
    private static final String ZONE = "de-fra-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExoscaleSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        sim = ExoscaleSimulator.builder().credentials(KEY, SECRET)
                .clock(SimulatedClock.frozenAt(Instant.parse("2025-03-01T12:00:00Z"))).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Answer call(String method, String pathAndQuery, String body) throws Exception {
        return call(method, "/" + ZONE + "/v2" + pathAndQuery, body, SECRET);
    }

    private Answer call(String method, String fullPath, String body, String secret) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + sim.port() + fullPath);
        long expires = sim.clock().instant().getEpochSecond() + 600;
        var query = SignatureVerifier.parseQuery(uri.getRawQuery());
        var names = new java.util.ArrayList<>(query.keySet());
        java.util.Collections.sort(names);
        StringBuilder values = new StringBuilder();
        names.forEach(n -> values.append(query.get(n).get(0)));
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        String sig = Base64.getEncoder().encodeToString(SignatureVerifier.hmac(secret.getBytes(StandardCharsets.UTF_8),
                SignatureVerifier.message(method, uri.getRawPath(), bytes, values.toString(), expires)));
        String auth = "EXO2-HMAC-SHA256 credential=" + KEY + (names.isEmpty() ? "" : ",signed-query-args="
                + String.join(";", names)) + ",expires=" + expires + ",signature=" + sig;
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Authorization", auth);
        rb.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null) {
            rb.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()), r);
    }

    private String createBody(int disk) throws Exception {
        Answer types = call("GET", "/instance-type", null);
        String typeId = null;
        for (JsonNode t : types.body().get("instance-types")) {
            if (t.get("family").asText().equals("standard") && t.get("size").asText().equals("small")) {
                typeId = t.get("id").asText();
            }
        }
        String templateId = call("GET", "/template?visibility=public", null).body().get("templates").get(0)
                .get("id").asText();
        ObjectNode body = JSON.createObjectNode().put("name", "vm-1").put("disk-size", disk);
        body.putObject("instance-type").put("id", typeId);
        body.putObject("template").put("id", templateId);
        body.putObject("labels").put("onramp.io/workspace-id", "ws-1");
        return JSON.writeValueAsString(body);
    }

    @Test
    void zonesNeedNoSignature() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sim.baseUri(ZONE).resolve("v2/zone")).build(),
                HttpResponse.BodyHandlers.ofString());
        // baseUri ends with /v2 -> resolve against it replaces the last segment
        assertEquals(200, r.statusCode());
        assertEquals(8, JSON.readTree(r.body()).get("zones").size());
    }

    @Test
    void rejectsMissingTamperedAndForeignSignatures() throws Exception {
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/" + ZONE + "/v2/instance")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertEquals("{\"message\":\"Invalid request signature\"}", unsigned.body());
        Answer wrongSecret = call("GET", "/" + ZONE + "/v2/instance", null, SECRET + "x");
        assertEquals(403, wrongSecret.status());
        assertEquals("Invalid request signature", wrongSecret.body().get("message").asText());
        assertEquals(200, call("GET", "/instance", null).status());
    }

    @Test
    void servesTemplatesWithDuplicateNamesAndInstanceTypes() throws Exception {
        JsonNode templates = call("GET", "/template?visibility=public", null).body().get("templates");
        long ubuntu2204 = 0;
        for (JsonNode t : templates) {
            ubuntu2204 += t.get("name").asText().equals("Linux Ubuntu 22.04 LTS 64-bit") ? 1 : 0;
        }
        assertEquals(2, ubuntu2204);
        assertEquals(0, call("GET", "/template?visibility=private", null).body().get("templates").size());
        assertEquals(400, call("GET", "/template?visibility=secret", null).status());
        JsonNode types = call("GET", "/instance-type", null).body().get("instance-types");
        assertTrue(types.size() >= 7);
    }

    @Test
    void instanceLifecycleByPollsAndByClock() throws Exception {
        Answer created = call("POST", "/instance", createBody(20));
        assertEquals(200, created.status());
        assertEquals("pending", created.body().get("state").asText());
        String id = created.body().get("reference").get("id").asText();
        String op = created.body().get("id").asText();
        assertEquals("/v2/instance/" + id, created.body().get("reference").get("link").asText());
        assertEquals("starting", call("GET", "/instance/" + id, null).body().get("state").asText());
        assertEquals("pending", call("GET", "/operation/" + op, null).body().get("state").asText());
        assertEquals("success", call("GET", "/operation/" + op, null).body().get("state").asText());
        JsonNode instance = call("GET", "/instance/" + id, null).body();
        assertEquals("running", instance.get("state").asText());
        assertTrue(instance.get("public-ip").asText().startsWith("198.18."));
        assertEquals("ws-1", instance.get("labels").get("onramp.io/workspace-id").asText());

        assertEquals(409, call("PUT", "/instance/" + id + ":start", "{}").status());
        Answer stop = call("PUT", "/instance/" + id + ":stop", null);
        assertEquals("stopping", call("GET", "/instance/" + id, null).body().get("state").asText());
        sim.advance(Duration.ofSeconds(20));
        assertEquals("stopped", call("GET", "/instance/" + id, null).body().get("state").asText());
        assertEquals("success", call("GET", "/operation/" + stop.body().get("id").asText(), null).body()
                .get("state").asText());
        assertEquals(409, call("PUT", "/instance/" + id + ":stop", null).status());
        assertEquals(400, call("PUT", "/instance/" + id + ":start", null).status()); // body required

        call("DELETE", "/instance/" + id, null);
        assertEquals("destroying", sim.instance(ZONE, id).orElseThrow().state());
        sim.advance(Duration.ofSeconds(20));
        assertEquals(404, call("GET", "/instance/" + id, null).status());
        assertTrue(sim.instances(ZONE).isEmpty());
        assertEquals(2, sim.callCount("PUT", "/instance/{id}:stop")); // one accepted, one refused
        assertEquals(2, sim.callCount("PUT", "/instance/" + id + ":start")); // 409 and 400
    }

    @Test
    void validatesBodies() throws Exception {
        Answer tooSmall = call("POST", "/instance", createBody(5));
        assertEquals(400, tooSmall.status());
        assertEquals("Invalid request: disk-size: must be >= 10", tooSmall.body().get("message").asText());
        assertEquals(400, call("POST", "/instance", "{not json").status());
        assertEquals(400, call("POST", "/security-group", "{\"description\":\"x\"}").status());
        assertTrue(sim.instances(ZONE).isEmpty());
    }

    @Test
    void zonesAreSeparateAndThePathlessFormUsesTheDefaultZone() throws Exception {
        call("POST", "/instance", createBody(20));
        assertEquals(1, sim.instances(ZONE).size());
        assertEquals(0, call("GET", "/" + ExoscaleSimulator.DEFAULT_ZONE + "/v2/instance", null, SECRET).body()
                .get("instances").size());
        assertEquals(0, call("GET", "/v2/instance", null, SECRET).body().get("instances").size());
        assertEquals(404, call("GET", "/mars-1/v2/instance", null, SECRET).status());
    }

    @Test
    void injectsFaults() throws Exception {
        sim.faults().next(1, Fault.status(503, 4));
        Answer unavailable = call("GET", "/instance", null);
        assertEquals(503, unavailable.status());
        assertEquals("4", unavailable.raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, call("GET", "/instance", null).status());

        sim.faults().next(1, Fault.rateLimited(7), "GET", "/instance");
        Answer limited = call("GET", "/instance", null);
        assertEquals(429, limited.status());
        assertEquals("7", limited.raw().headers().firstValue("Retry-After").orElseThrow());

        // (a POST: the JDK client would silently repeat a GET on a dropped keep-alive connection)
        sim.faults().next(1, Fault.dropConnection(), "POST", "/security-group");
        assertThrows(IOException.class, () -> call("POST", "/security-group", "{\"name\":\"g\"}"));
        assertTrue(sim.securityGroups().isEmpty()); // dropped before any effect

        String body = createBody(20);
        sim.faults().crashAfterCreateInstance(1, true);
        assertThrows(IOException.class, () -> call("POST", "/instance", body));
        assertEquals(1, sim.instances(ZONE).size()); // created although the answer was lost

        sim.faults().crashAfterCreateInstance(1, false);
        assertEquals(500, call("POST", "/instance", body).status());
        assertEquals(2, sim.instances(ZONE).size());
        assertEquals(5, sim.faults().injectedCount());
        assertEquals(-1, sim.calls().stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow().status());
    }

    @Test
    void failedAndStalledOperations() throws Exception {
        sim.faults().failNextOperations(1);
        Answer created = call("POST", "/instance", createBody(20));
        String op = created.body().get("id").asText();
        call("GET", "/operation/" + op, null);
        JsonNode failed = call("GET", "/operation/" + op, null).body();
        assertEquals("failure", failed.get("state").asText());
        assertEquals("fault", failed.get("reason").asText());
        assertTrue(sim.instances(ZONE).isEmpty()); // a failed create is rolled back

        sim.faults().stallNextOperations(1);
        String stalled = call("POST", "/instance", createBody(20)).body().get("id").asText();
        sim.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertEquals("pending", call("GET", "/operation/" + stalled, null).body().get("state").asText());
        }
        assertEquals("starting", sim.instances(ZONE).get(0).state());
    }

    @Test
    void securityGroupsAndRules() throws Exception {
        String op = call("POST", "/security-group", "{\"name\":\"onramp-labs\"}").body().get("reference").get("id")
                .asText();
        assertEquals(409, call("POST", "/security-group", "{\"name\":\"onramp-labs\"}").status());
        Answer rule = call("POST", "/security-group/" + op + "/rules",
                "{\"flow-direction\":\"ingress\",\"protocol\":\"tcp\",\"start-port\":22,\"end-port\":22,"
                        + "\"network\":\"0.0.0.0/0\"}");
        assertEquals(200, rule.status());
        assertEquals(400, call("POST", "/security-group/" + op + "/rules",
                "{\"flow-direction\":\"ingress\",\"protocol\":\"tcp\",\"start-port\":70000}").status());
        JsonNode group = call("GET", "/security-group/" + op, null).body();
        assertEquals("onramp-labs", group.get("name").asText());
        assertEquals(1, group.get("rules").size());
        assertEquals(1, sim.securityGroups().size());
        assertEquals(404, call("GET", "/security-group/00000000-0000-4000-8000-000000000000", null).status());
    }

    @Test
    void resetForgetsEverything() throws Exception {
        call("POST", "/instance", createBody(20));
        sim.faults().next(3, Fault.status(500));
        sim.reset();
        assertTrue(sim.instances(ZONE).isEmpty());
        assertTrue(sim.calls().isEmpty());
        assertEquals(200, call("GET", "/instance", null).status());
    }

    @Test
    void mainPrintsTheEndpointButNoSecret() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExoscaleSimulator started = ExoscaleSimulator.startFromArgs(
                new String[] {"--port", "0", "--key", KEY, "--secret", SECRET}, Map.of(),
                new PrintStream(out, true), new PrintStream(err, true));
        try {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("ONRAMP_EXOSCALE_ENDPOINT=http://127.0.0.1:" + started.port() + "/{zone}/v2"));
            assertFalse(printed.contains(SECRET));
            assertFalse(printed.contains(KEY));
            assertFalse(printed.contains("EXOSCALE_API_KEY="));
        } finally {
            started.close();
        }
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertNull(ExoscaleSimulator.startFromArgs(new String[] {"--port", "0", "--key", KEY}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true)));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("usage"));
        // from the environment
        ExoscaleSimulator fromEnv = ExoscaleSimulator.startFromArgs(new String[] {"--port", "0"},
                Map.of("EXOSCALE_API_KEY", KEY, "EXOSCALE_API_SECRET", SECRET),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        fromEnv.close();
    }

    @Test
    void patternsReplaceIds() {
        assertEquals("/instance/{id}:stop",
                ExoscaleSimulator.pattern(java.util.List.of("instance", "6f1c2d3e-1111-4222-8333-444455556666:stop")));
        assertEquals("/instance", ExoscaleSimulator.pattern(java.util.List.of("instance")));
    }
}
