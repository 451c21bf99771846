package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.NamespaceNames;

/**
 * The admission policies' CEL, evaluated with cel-java ({@code dev.cel:cel}) against sample admission requests
 * ({@code admission-cases.yaml}): tenants are stopped, Onramp and Kubernetes are not, and Onramp's functions write
 * only where they should.
 */
class AdmissionPolicyTest {

    static final Map<String, Object> FIXTURES = fixtures();
    static final Map<String, PolicyEvaluator> POLICIES = new TreeMap<>();

    static {
        for (ValidatingAdmissionPolicy p : Kustomization.load().all(ValidatingAdmissionPolicy.class)) {
            POLICIES.put(p.getMetadata().getName(), new PolicyEvaluator(p));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtures() {
        try (InputStream in = AdmissionPolicyTest.class.getResourceAsStream("/admission-cases.yaml")) {
            // SnakeYAML resolves the fixtures' anchors and aliases (&defaultDeny / *defaultDeny)
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            options.setMaxAliasesForCollections(500);
            return (Map<String, Object>) new org.yaml.snakeyaml.Yaml(options).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        return ((List<Map<String, Object>>) FIXTURES.get("cases")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCases")
    void sampleRequest(String name, Map<String, Object> c) {
        PolicyEvaluator.Decision d = evaluate(c);
        assertNull(d.error(), name + ": the CEL must not fail (failurePolicy Fail would refuse): " + d.error());
        String expect = (String) c.get("expect");
        switch (expect) {
            case "deny" -> {
                assertEquals(PolicyEvaluator.Outcome.DENIED, d.outcome(), name);
                assertNotNull(d.message(), name + ": a message");
                if (c.get("message") != null) {
                    assertTrue(d.message().contains((String) c.get("message")),
                            name + ": message '" + d.message() + "' lacks '" + c.get("message") + "'");
                }
            }
            case "allow" -> assertEquals(PolicyEvaluator.Outcome.ALLOWED, d.outcome(), name);
            case "skip" -> assertEquals(PolicyEvaluator.Outcome.NOT_MATCHED, d.outcome(), name);
            default -> throw new AssertionError("expect must be deny, allow or skip: " + expect);
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> namedCases() {
        return cases().map(c -> org.junit.jupiter.params.provider.Arguments.of(c.get("name"), c));
    }

    @Test
    void everyPolicyIsExercisedBothWaysAndEveryValidationDeniesSomething() {
        assertEquals(Set.of("onramp-guardrails", "onramp-functions-scope"), POLICIES.keySet());
        Map<String, Set<String>> outcomes = new TreeMap<>();
        Map<String, Set<Integer>> denyingValidations = new TreeMap<>();
        cases().forEach(c -> {
            String policy = (String) c.get("policy");
            PolicyEvaluator.Decision d = evaluate(c);
            outcomes.computeIfAbsent(policy, p -> new TreeSet<>()).add(d.outcome().name());
            if (d.outcome() == PolicyEvaluator.Outcome.DENIED && d.error() == null) {
                denyingValidations.computeIfAbsent(policy, p -> new TreeSet<>()).add(d.validation());
            }
        });
        Kustomization.load().all(ValidatingAdmissionPolicy.class).forEach(p -> {
            String name = p.getMetadata().getName();
            assertEquals(Set.of("ALLOWED", "DENIED", "NOT_MATCHED"), outcomes.get(name), name);
            Set<Integer> all = new TreeSet<>();
            for (int i = 0; i < p.getSpec().getValidations().size(); i++) {
                all.add(i);
            }
            assertEquals(all, denyingValidations.get(name), name + ": a sample request denied by each validation");
        });
    }

    @Test
    void policiesFailClosedAndAreBoundToDeny() {
        Kustomization k = Kustomization.load();
        for (ValidatingAdmissionPolicy p : k.all(ValidatingAdmissionPolicy.class)) {
            String name = p.getMetadata().getName();
            assertEquals("Fail", p.getSpec().getFailurePolicy(), name);
            assertTrue(POLICIES.get(name).expressions() > 0);
            p.getSpec().getValidations().forEach(v -> assertTrue(v.getMessage() != null
                    || v.getMessageExpression() != null, name + ": every validation explains itself"));
            ValidatingAdmissionPolicyBinding binding = k.all(ValidatingAdmissionPolicyBinding.class).stream()
                    .filter(b -> name.equals(b.getSpec().getPolicyName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is not bound"));
            assertTrue(binding.getSpec().getValidationActions().contains("Deny"), name + " denies");
            assertNull(binding.getSpec().getParamRef(), name + " takes no parameters");
        }
    }

    @Test
    void thePoliciesUseTheBlueprintsNames() throws IOException {
        String text = java.nio.file.Files.readString(
                Kustomization.load().dir().resolve("admission-policies.yaml"));
        assertTrue(text.contains("'" + BlueprintLabels.GUARDRAIL + "'"));
        assertTrue(text.contains("'" + BlueprintLabels.OWNER + "'"));
        assertTrue(text.contains("'" + BlueprintLabels.MANAGED_BY + "'"));
        assertTrue(text.contains("'" + BlueprintLabels.MANAGED_BY_VALUE + "'"));
        assertTrue(text.contains("'system:serviceaccount:" + NamespaceNames.PREFIX + "'"), "tenant ServiceAccounts");
        assertTrue(text.contains("startsWith('" + NamespaceNames.PREFIX + "')"), "developer namespaces");
    }

    @SuppressWarnings("unchecked")
    static PolicyEvaluator.Decision evaluate(Map<String, Object> c) {
        String policy = (String) c.get("policy");
        PolicyEvaluator evaluator = POLICIES.get(policy);
        assertNotNull(evaluator, "no policy " + policy);
        Map<String, Object> r = (Map<String, Object>) c.get("request");
        Map<String, Object> object = (Map<String, Object>) c.get("object");
        Map<String, Object> oldObject = (Map<String, Object>) c.get("oldObject");
        String group = (String) r.getOrDefault("group", "");
        String resource = (String) r.get("resource");
        String namespace = (String) r.getOrDefault("namespace", "");
        String user = (String) r.get("user");
        Map<String, Object> sample = object != null ? object : oldObject;
        String apiVersion = sample == null ? "v1" : (String) sample.get("apiVersion");
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", "00000000-0000-0000-0000-000000000001");
        request.put("operation", r.get("operation"));
        request.put("name", r.getOrDefault("name", ""));
        request.put("namespace", namespace);
        request.put("resource", Map.of("group", group, "version", version, "resource", resource));
        request.put("subResource", r.getOrDefault("subResource", ""));
        request.put("kind", Map.of("group", group, "version", version,
                "kind", sample == null ? "" : String.valueOf(sample.get("kind"))));
        Map<String, Object> userInfo = new HashMap<>();
        userInfo.put("username", user);
        userInfo.put("groups", groups(user));
        request.put("userInfo", userInfo);
        request.put("dryRun", false);

        boolean isNamespace = group.isEmpty() && resource.equals("namespaces");
        Map<String, Object> namespaceObject = null;
        if (!isNamespace && !namespace.isEmpty()) {
            Map<String, Object> namespaces = (Map<String, Object>) FIXTURES.get("namespaces");
            namespaceObject = (Map<String, Object>) namespaces.get(namespace);
            assertNotNull(namespaceObject, c.get("name") + ": no fixture for namespace " + namespace);
        }
        return evaluator.evaluate(request, object, oldObject, namespaceObject);
    }

    static List<String> groups(String user) {
        if (user.startsWith("system:serviceaccount:")) {
            String ns = user.split(":")[2];
            return List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
        }
        return List.of("system:authenticated");
    }
}
