package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** access checks: the structural RBAC evaluation, and how AUTO chooses it on the sandbox. */
class RbacTest {

    private static LabSandbox sandbox;
    private static String ns;
    /** A second namespace where a group binding gives every ServiceAccount the developer ClusterRole. */
    private static String groupNs;

    private static final String GROUP_OBJECTS = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: nobody}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: developer-for-all}
            subjects: [{kind: Group, name: "system:serviceaccounts:NS"}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: onramp-developer}
            """;

    private static final String OBJECTS = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: inspector}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sync}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: nobody}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: inspector}
            rules:
              - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}
              - {apiGroups: [apps], resources: [deployments], verbs: [get, list]}
              - {apiGroups: [batch], resources: ["*/status"], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: inspector}
            subjects: [{kind: ServiceAccount, name: inspector}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: inspector}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: settings-reader}
            rules:
              - {apiGroups: [""], resources: [configmaps], resourceNames: [settings], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: sync}
            subjects: [{kind: ServiceAccount, name: sync, namespace: elsewhere}, {kind: ServiceAccount, name: sync}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: settings-reader}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: wrong-namespace}
            subjects: [{kind: ServiceAccount, name: nobody, namespace: elsewhere}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: inspector}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: unreadable}
            subjects: [{kind: ServiceAccount, name: nobody}]
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: does-not-exist}
            """;

    @BeforeAll
    static void start() {
        sandbox = new LabSandbox();
        ns = sandbox.namespace("rbac");
        sandbox.create(ns, Checks.manifests(OBJECTS));
        groupNs = sandbox.namespace("rbac-group");
        sandbox.create(groupNs, Checks.manifests(GROUP_OBJECTS.replace("NS", groupNs)));
        sandbox.reconcile();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static boolean allowed(AccessEvaluation mode, String access) {
        return allowedIn(ns, mode, access);
    }

    private static boolean allowedIn(String namespace, AccessEvaluation mode, String access) {
        Check c = Checks.of("{id: c, description: d, access: " + access + "}");
        return new Grader(mode).evaluate(NamespaceSnapshot.of(sandbox.client(), namespace), c).passed();
    }

    private static boolean structural(String access) {
        return allowed(AccessEvaluation.STRUCTURAL, access);
    }

    @Test
    void rulesGrantByGroupResourceSubresourceAndVerb() {
        assertTrue(structural("{serviceAccount: inspector, verb: list, resource: pods}"));
        assertTrue(structural("{serviceAccount: inspector, verb: get, resource: pods, subresource: log}"));
        assertTrue(structural("{serviceAccount: inspector, verb: list, resource: deployments, group: apps}"));
        assertFalse(structural("{serviceAccount: inspector, verb: watch, resource: deployments, group: apps}"));
        assertFalse(structural("{serviceAccount: inspector, verb: list, resource: deployments}"), "core group");
        assertFalse(structural("{serviceAccount: inspector, verb: delete, resource: pods}"));
        assertTrue(structural("{serviceAccount: inspector, verb: get, resource: jobs, subresource: status,"
                + " group: batch}"), "*/status");
        assertFalse(structural("{serviceAccount: inspector, verb: get, resource: jobs, group: batch}"));
    }

    @Test
    void resourceNamesAndSubjectNamespaces() {
        assertTrue(structural("{serviceAccount: sync, verb: get, resource: configmaps, resourceName: settings}"),
                "subject without namespace means the binding's namespace");
        assertFalse(structural("{serviceAccount: sync, verb: get, resource: configmaps, resourceName: other}"));
        assertFalse(structural("{serviceAccount: sync, verb: get, resource: configmaps}"),
                "a rule with resourceNames never grants a request without a name");
        assertTrue(structural("{serviceAccount: sync, verb: list, resource: configmaps, allowed: false}"));
        assertFalse(structural("{serviceAccount: nobody, verb: delete, resource: pods}"),
                "a binding to a subject in another namespace grants nothing here");
        assertFalse(structural("{serviceAccount: ghost, verb: delete, resource: nodes, allowed: false}"),
                "allowed: false needs the ServiceAccount to exist");
    }

    @Test
    void groupsAndClusterRoles() {
        // every SA of the namespace gets the developer ClusterRole through the group binding
        AccessEvaluation s = AccessEvaluation.STRUCTURAL;
        assertTrue(allowedIn(groupNs, s, "{serviceAccount: nobody, verb: create, resource: deployments, group: apps}"));
        assertTrue(allowedIn(groupNs, s, "{serviceAccount: ghost, verb: get, resource: pods, subresource: log}"));
        assertFalse(allowedIn(groupNs, s, "{serviceAccount: nobody, verb: create, resource: daemonsets,"
                + " group: apps}"));
        assertFalse(allowedIn(groupNs, s, "{serviceAccount: nobody, verb: escalate, resource: roles,"
                + " group: rbac.authorization.k8s.io}"));
        assertFalse(structural("{serviceAccount: nobody, verb: get, resource: pods}"),
                "a ClusterRole that does not exist grants nothing");
    }

    @Test
    void theApiServerIsIdentifiedOncePerClientNotOncePerGradingRun() throws Exception {
        assertTrue(NamespaceSnapshot.of(sandbox.client(), ns).isSandbox());
        long before = versionRequests();
        for (int i = 0; i < 5; i++) {
            assertTrue(NamespaceSnapshot.of(sandbox.client(), ns).isSandbox());
        }
        org.junit.jupiter.api.Assertions.assertEquals(before, versionRequests(), "no GET /version per grading run");
    }

    private static long versionRequests() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.url() + "/onramp-sandbox/stats"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"GET /version\":(\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void autoUsesTheStructuralEvaluationOnTheSandbox() {
        assertTrue(NamespaceSnapshot.of(sandbox.client(), ns).isSandbox());
        String denied = "{serviceAccount: inspector, verb: delete, resource: pods}";
        assertFalse(allowed(AccessEvaluation.AUTO, denied));
        // the sandbox answers every SubjectAccessReview "allowed": that is why AUTO avoids it there
        assertTrue(allowed(AccessEvaluation.SUBJECT_ACCESS_REVIEW, denied));
        assertTrue(NamespaceSnapshot.of(sandbox.client(), ns).accessReview(new AccessRule("inspector", "delete",
                "pods", null, "", null, true)).orElseThrow());
    }

    @Test
    void inMemorySnapshotsHaveNoReviewsAndUseTheGivenClusterRoles() {
        Map<String, Object> binding = Map.of("kind", "RoleBinding", "metadata", Map.of("name", "b"),
                "subjects", List.of(Map.of("kind", "User", "name", "system:serviceaccount:x:app")),
                "roleRef", Map.of("kind", "ClusterRole", "name", "view"));
        Map<String, Object> view = Map.of("metadata", Map.of("name", "view"), "rules",
                List.of(Map.of("apiGroups", List.of("*"), "resources", List.of("*"), "verbs", List.of("get"))));
        NamespaceSnapshot s = NamespaceSnapshot.ofObjects("x", List.of(binding), List.of(view));
        assertTrue(RbacEvaluator.allows(new AccessRule("app", "get", "secrets", null, "", null, true), s));
        assertFalse(RbacEvaluator.allows(new AccessRule("app", "list", "secrets", null, "", null, true), s));
        assertTrue(new Grader(AccessEvaluation.SUBJECT_ACCESS_REVIEW).evaluate(s, Checks.of(
                "{id: c, description: d, access: {serviceAccount: app, verb: get, resource: pods}}")).passed(),
                "without reviews the structural evaluation answers");
    }
}
