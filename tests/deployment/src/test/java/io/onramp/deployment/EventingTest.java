package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.onramp.coder.CoderEventKind;
import io.onramp.coder.CoderEventPublisher;

/** Broker, Triggers and PingSources: the right events and duties reach the function that owns them, authenticated. */
class EventingTest {

    static final String AUDIENCE = "onramp-functions";
    static final String GATEWAY_SUBJECT = "system:serviceaccount:onramp:onramp-gateway";

    /** The duties of the contract and the function group that runs each. */
    static final Map<String, String> DUTIES = Map.of(
            "pods.jobs", "pods",
            "vms.jobs", "vms",
            "pods.idle-pause", "pods",
            "vms.idle-pause", "vms",
            "workspaces.expiry", "gateway",
            "pods.reconcile", "pods",
            "vms.reconcile", "vms",
            "labs.exam-deadlines", "labs");

    /** Coder events that change a workspace, so that the workspace drivers should act on them at once. */
    static final Set<CoderEventKind> ACTED_ON = Set.of(CoderEventKind.CREATED, CoderEventKind.DELETED,
            CoderEventKind.DORMANT);

    static final Pattern CRON = Pattern.compile("^(\\S+\\s+){4}\\S+$");
    final Kustomization k = Kustomization.load();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theCoderReceiverPublishesToTheBroker() {
        Broker broker = k.require(Broker.class, "default");
        assertNotNull(broker.getSpec().getDelivery().getRetry(), "deliveries are retried");
        assertEquals("http://broker-ingress.knative-eventing.svc.cluster.local/" + Kustomization.NAMESPACE + "/"
                + broker.getMetadata().getName(),
                Functions.env(k, Functions.service(k, "coder"), "ONRAMP_CODER_BROKER_URL").orElse(null));
        // Knative sender identity: the Broker accepts only tokens for its audience, <group>/<kind>/<namespace>/<name>
        Service coder = Functions.service(k, "coder");
        java.nio.file.Path tokenFile = java.nio.file.Path.of(
                Functions.env(k, coder, "ONRAMP_CODER_BROKER_TOKEN_FILE").orElseThrow());
        String volume = Functions.container(coder).getVolumeMounts().stream()
                .filter(m -> java.nio.file.Path.of(m.getMountPath()).equals(tokenFile.getParent()))
                .findFirst().orElseThrow().getName();
        var token = Functions.spec(coder).getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst()
                .orElseThrow().getProjected().getSources().get(0).getServiceAccountToken();
        assertEquals("eventing.knative.dev/broker/" + Kustomization.NAMESPACE + "/" + broker.getMetadata().getName(),
                token.getAudience());
        assertEquals(tokenFile.getFileName().toString(), token.getPath());
    }

    @Test
    void everyDutyRunsFromOnePingSourceOnItsOwningService() throws Exception {
        Map<String, String> seen = new TreeMap<>();
        for (PingSource p : k.all(PingSource.class)) {
            String name = p.getMetadata().getName();
            assertTrue(CRON.matcher(p.getSpec().getSchedule()).matches(), name + ": a 5-field cron schedule");
            assertEquals("application/json", p.getSpec().getContentType(), name);
            JsonNode data = json.readTree(p.getSpec().getData());
            assertEquals(Set.of("name"), Set.copyOf(iterable(data.fieldNames())), name + ": data is {\"name\": duty}");
            String duty = data.get("name").asText();
            assertTrue(DUTIES.containsKey(duty), name + ": unknown duty " + duty);
            assertEquals(null, seen.put(duty, name), duty + " is run by two PingSources");
            Destination sink = p.getSpec().getSink();
            assertEquals(Functions.SERVICES.get(DUTIES.get(duty)), target(sink), name + " runs " + duty);
            assertEquals("/runDuty", sink.getUri(), name + ": the Funqy function runDuty");
            assertEquals(AUDIENCE, sink.getAudience(), name + ": the token audience the functions accept");
        }
        assertEquals(new TreeSet<>(DUTIES.keySet()), seen.keySet(), "every duty has a PingSource");
        assertTrue(k.all(PingSource.class).stream().filter(p -> p.getSpec().getData().contains("\"pods.jobs\""))
                .allMatch(p -> p.getSpec().getSchedule().equals("* * * * *")), "the job queues drain every minute");
    }

    @Test
    void coderEventsThatChangeAWorkspaceReachBothWorkspaceDrivers() {
        Map<String, Set<String>> typesByService = new TreeMap<>();
        Set<String> publishable = new TreeSet<>();
        for (CoderEventKind kind : CoderEventKind.values()) {
            publishable.add(CoderEventPublisher.type(kind));
        }
        for (Trigger t : k.all(Trigger.class)) {
            String name = t.getMetadata().getName();
            assertEquals("default", t.getSpec().getBroker(), name);
            Destination subscriber = t.getSpec().getSubscriber();
            String service = target(subscriber);
            URI uri = URI.create(subscriber.getUri());
            assertEquals("/runDuty", uri.getPath(), name + ": the Funqy function runDuty");
            String group = group(service);
            assertEquals("name=" + group + ".jobs", uri.getQuery(), name + ": the target's job queue");
            assertTrue(DUTIES.containsKey(group + ".jobs"));
            assertEquals(AUDIENCE, subscriber.getAudience(), name);
            assertTrue(t.getSpec().getFilter() == null, name + ": the filters (SQL-like) API, not the legacy filter");
            List<String[]> attributes = new ArrayList<>();
            t.getSpec().getFilters().forEach(f -> collect(f, attributes));
            assertFalse(attributes.isEmpty(), name + " filters nothing");
            for (String[] a : attributes) {
                assertEquals("type", a[1], name + ": filters on the CloudEvent type");
                if (a[0].equals("exact")) {
                    assertTrue(publishable.contains(a[2]), name + ": " + a[2] + " is not a type Onramp publishes "
                            + publishable);
                    typesByService.computeIfAbsent(service, s -> new TreeSet<>()).add(a[2]);
                } else {
                    assertEquals("prefix", a[0]);
                    assertTrue(a[2].startsWith("io.onramp.workspace."), name + ": workspace state changes");
                }
            }
        }
        Set<String> actedOn = new TreeSet<>();
        ACTED_ON.forEach(kind -> actedOn.add(CoderEventPublisher.type(kind)));
        for (String service : List.of("onramp-pods", "onramp-vms")) {
            assertEquals(actedOn, typesByService.get(service),
                    service + " is woken by the Coder events that change a workspace, and only those");
        }
        assertEquals(Set.of("onramp-pods", "onramp-vms"), typesByService.keySet());
    }

    /**
     * Knative's sender identity: each PingSource and Trigger sends a token of its own ServiceAccount
     * ({@code <name>-oidc-<group>-<kind>}, knative/eventing pkg/auth), which the target must accept, and nothing else.
     */
    @Test
    void everyTargetAcceptsExactlyTheIdentitiesThatCallIt() {
        Map<String, Set<String>> callers = new TreeMap<>();
        for (PingSource p : k.all(PingSource.class)) {
            callers.computeIfAbsent(target(p.getSpec().getSink()), s -> new TreeSet<>())
                    .add(oidcSubject(p.getMetadata().getName(), "sources.knative.dev", "PingSource"));
        }
        for (Trigger t : k.all(Trigger.class)) {
            callers.computeIfAbsent(target(t.getSpec().getSubscriber()), s -> new TreeSet<>())
                    .add(oidcSubject(t.getMetadata().getName(), "eventing.knative.dev", "Trigger"));
        }
        // the services that call functions over HTTP (ONRAMP_SPLIT_<GROUP>_URL) with their own ServiceAccount's token
        for (Service caller : k.all(Service.class)) {
            String subject = "system:serviceaccount:" + Kustomization.NAMESPACE + ":"
                    + Functions.spec(caller).getServiceAccountName();
            Functions.env(k, caller).forEach((key, value) -> {
                if (key.startsWith("ONRAMP_SPLIT_") && key.endsWith("_URL")) {
                    String group = key.substring("ONRAMP_SPLIT_".length(), key.length() - "_URL".length())
                            .toLowerCase(Locale.ROOT);
                    callers.computeIfAbsent(Functions.SERVICES.get(group), s -> new TreeSet<>()).add(subject);
                }
            });
        }
        assertTrue(callers.get("onramp-labs").contains(GATEWAY_SUBJECT));
        assertTrue(callers.get("onramp-pods").contains("system:serviceaccount:onramp:onramp-coder"));
        for (Service s : k.all(Service.class)) {
            String name = s.getMetadata().getName();
            String allowed = Functions.env(k, s, "ONRAMP_SERVICES_ALLOWED_SUBJECTS").orElse(null);
            Set<String> expected = callers.get(name);
            if (expected == null) {
                // called by no workload; an empty list would fall back to the default (every PingSource)
                assertEquals(GATEWAY_SUBJECT, allowed, name + " is called by no other workload");
                continue;
            }
            assertNotNull(allowed, name);
            assertEquals(expected, new TreeSet<>(Arrays.asList(allowed.split(","))), name);
            assertFalse(allowed.contains("*"), name + ": exact subjects, no patterns");
            assertEquals(AUDIENCE, Functions.env(k, s, "ONRAMP_SERVICES_AUDIENCE").orElse(null), name);
        }
    }

    static String oidcSubject(String name, String group, String kind) {
        String sa = (name + "-oidc-" + group + "-" + kind).toLowerCase(Locale.ROOT);
        assertTrue(sa.length() <= 63, sa + ": longer names are hashed by Knative; keep " + name + " shorter");
        return "system:serviceaccount:" + Kustomization.NAMESPACE + ":" + sa;
    }

    private String target(Destination d) {
        assertNotNull(d.getRef(), "a reference to a Knative Service");
        assertEquals("serving.knative.dev/v1", d.getRef().getApiVersion());
        assertEquals("Service", d.getRef().getKind());
        k.require(Service.class, d.getRef().getName());
        return d.getRef().getName();
    }

    private static String group(String service) {
        return Functions.SERVICES.entrySet().stream().filter(e -> e.getValue().equals(service)).findFirst()
                .orElseThrow().getKey();
    }

    /** Flattens a filter into {operator, attribute, value} triples (any/all nest, not is refused). */
    private static void collect(SubscriptionsAPIFilter f, List<String[]> out) {
        assertTrue(f.getNot() == null && f.getCesql() == null, "only exact/prefix/any/all filters");
        exactOrPrefix("exact", f.getExact(), out);
        exactOrPrefix("prefix", f.getPrefix(), out);
        assertTrue(f.getSuffix() == null || f.getSuffix().isEmpty());
        if (f.getAny() != null) {
            f.getAny().forEach(g -> collect(g, out));
        }
        if (f.getAll() != null) {
            f.getAll().forEach(g -> collect(g, out));
        }
    }

    private static void exactOrPrefix(String op, Map<String, String> m, List<String[]> out) {
        if (m != null) {
            new LinkedHashMap<>(m).forEach((attr, value) -> out.add(new String[] {op, attr, value}));
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
