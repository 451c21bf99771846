package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grader against the sandbox: selection (names, set-based selectors evaluated client-side), expect forms
 * ({@code all}, {@code count} with expect), every relation type, every status, and the task result.
 */
class GraderTest {

    private static LabSandbox sandbox;
    private static String ns;
    private static final Grader GRADER = new Grader();

    private static final String OBJECTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web, release: stable}}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
                matchExpressions: [{key: release, operator: In, values: [stable, canary]}]
              template:
                metadata: {labels: {app: web, release: stable}}
                spec:
                  serviceAccountName: web-sa
                  containers:
                    - name: web
                      image: nginx:1.27
                      envFrom: [{configMapRef: {name: web-config}}, {secretRef: {name: web-env}}]
                      env:
                        - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: web-db, key: password}}}
                        - {name: LOG_LEVEL, valueFrom: {configMapKeyRef: {name: web-settings, key: level}}}
                      volumeMounts:
                        - {name: config, mountPath: /etc/web}
                        - {name: all-in-one, mountPath: /etc/projected}
                        - {name: data, mountPath: /data}
                  initContainers:
                    - name: init
                      image: busybox
                      volumeMounts: [{name: creds, mountPath: /creds}]
                  volumes:
                    - {name: config, configMap: {name: web-config}}
                    - {name: creds, secret: {secretName: web-creds}}
                    - {name: data, persistentVolumeClaim: {claimName: web-data}}
                    - name: all-in-one
                      projected:
                        sources: [{configMap: {name: projected-config}}, {secret: {name: projected-secret}}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: canary, labels: {app: web, release: canary}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web, release: canary}}
              template:
                metadata: {labels: {app: web, release: canary}}
                spec:
                  containers: [{name: web, image: nginx:1.28}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: legacy, labels: {app: web, release: legacy}}
            spec:
              replicas: 0
              selector: {matchLabels: {app: legacy}}
              template:
                metadata: {labels: {app: legacy}}
                spec:
                  containers: [{name: web, image: nginx:1.20}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web, release: stable}
              ports: [{name: http, port: 80, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: headless}
            spec:
              clusterIP: None
              ports: [{port: 80}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: all-pods}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              minAvailable: 1
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: ledger}
            spec:
              replicas: 1
              serviceName: ledger
              selector: {matchLabels: {app: ledger}}
              template:
                metadata: {labels: {app: ledger}}
                spec:
                  containers:
                    - name: ledger
                      image: busybox
                      volumeMounts: [{name: data, mountPath: /var/lib/ledger}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 64Mi}}}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: web-data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 64Mi}}}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: migrate, image: busybox}]
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      serviceAccountName: nightly-sa
                      containers: [{name: job, image: busybox}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop}
            spec:
              defaultBackend: {service: {name: fallback, port: {number: 8080}}}
              rules:
                - host: shop.example.test
                  http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: toolbox, labels: {app: toolbox}}
            spec:
              containers: [{name: toolbox, image: busybox}]
            """;

    @BeforeAll
    static void start() {
        sandbox = new LabSandbox();
        ns = sandbox.namespace("grader");
        sandbox.create(ns, Checks.manifests(OBJECTS));
        sandbox.reconcile();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static boolean passes(String checkYaml) {
        Verdict v = GRADER.evaluate(NamespaceSnapshot.of(sandbox.client(), ns), Checks.of(checkYaml));
        return v.passed();
    }

    private static String check(String resource, String assertion) {
        return "{id: c, description: d, resource: " + resource + ", " + assertion + "}";
    }

    @Test
    void selectsByNameAndBySetBasedSelectorsClientSide() {
        assertTrue(passes(check("{kind: Deployment, selector: 'app=web,release in (stable,canary)'}",
                "count: {min: 2, max: 2}")));
        assertTrue(passes(check("{kind: Deployment, selector: 'app=web,release notin (stable,canary)'}",
                "count: {min: 1, max: 1}")));
        assertTrue(passes(check("{kind: Deployment, selector: 'app,!tier'}", "count: {min: 3}")));
        assertFalse(passes(check("{kind: Deployment, selector: 'release in (beta)'}", "count: {min: 1}")),
                "nothing selected fails");
        assertFalse(passes(check("{kind: Deployment, name: nope}", "expect: [{path: metadata.name, exists: false}]")),
                "a check selecting nothing fails whatever the assertion");
    }

    @Test
    void expectWithAllAndCount() {
        String sel = "{kind: Deployment, selector: 'app=web'}";
        assertTrue(passes(check(sel, "expect: [{path: 'spec.template.spec.containers[0].image', matches: 'nginx:.*'}],"
                + " all: true")));
        assertFalse(passes(check(sel, "expect: [{path: spec.replicas, gte: 1}], all: true")), "legacy has 0");
        assertTrue(passes(check(sel, "expect: [{path: spec.replicas, gte: 1}]")), "at least one object");
        assertTrue(passes(check(sel, "expect: [{path: spec.replicas, gte: 1}], count: {min: 2, max: 2}")));
        assertFalse(passes(check(sel, "expect: [{path: spec.replicas, gte: 1}], count: {min: 3}")));
        assertTrue(passes(check("{kind: Deployment, name: web}", "expect: [{path: spec.replicas, gt: 1},"
                + " {path: spec.replicas, lt: 3}, {path: 'spec.template.spec.containers[name=init].image',"
                + " exists: false}]")));
    }

    @Test
    void selectsPods() {
        assertTrue(passes(check("{kind: Service, name: web}", "relation: {type: SELECTS_PODS, min: 2}")));
        assertFalse(passes(check("{kind: Service, name: web}", "relation: {type: SELECTS_PODS, min: 3}")));
        assertFalse(passes(check("{kind: Service, name: headless}", "relation: {type: SELECTS_PODS}")),
                "a Service without selector selects nothing");
        assertTrue(passes(check("{kind: NetworkPolicy, name: all-pods}", "relation: {type: SELECTS_PODS, min: 5}")),
                "{} selects every pod");
        assertTrue(passes(check("{kind: Deployment, name: web}", "relation: {type: SELECTS_PODS, min: 2}")),
                "matchExpressions In");
        assertFalse(passes(check("{kind: Deployment, name: web}", "relation: {type: SELECTS_PODS, min: 4}")));
        assertFalse(passes(check("{kind: Deployment, name: legacy}", "relation: {type: SELECTS_PODS}")),
                "0 replicas");
        assertTrue(passes(check("{kind: PodDisruptionBudget, name: web}", "relation: {type: SELECTS_PODS, min: 3}")));
        assertTrue(passes(check("{kind: StatefulSet, name: ledger}", "relation: {type: SELECTS_PODS}")));
        String rs = sandbox.client().apps().replicaSets().inNamespace(ns).list().getItems().stream()
                .filter(r -> r.getMetadata().getName().startsWith("canary")).findFirst().orElseThrow()
                .getMetadata().getName();
        assertTrue(passes(check("{kind: ReplicaSet, name: " + rs + "}", "relation: {type: SELECTS_PODS}")));
    }

    @Test
    void mounts() {
        String web = "{kind: Deployment, name: web}";
        assertTrue(passes(check(web, "relation: {type: MOUNTS_CONFIGMAP, name: web-config, mountPath: /etc/web}")));
        assertFalse(passes(check(web, "relation: {type: MOUNTS_CONFIGMAP, name: web-config, mountPath: /etc}")));
        assertTrue(passes(check(web, "relation: {type: MOUNTS_CONFIGMAP, name: projected-config}")), "projected");
        assertTrue(passes(check(web, "relation: {type: MOUNTS_SECRET, name: projected-secret,"
                + " mountPath: /etc/projected}")), "projected secret");
        assertTrue(passes(check(web, "relation: {type: MOUNTS_SECRET, name: web-creds, mountPath: /creds}")),
                "init containers count");
        assertFalse(passes(check(web, "relation: {type: MOUNTS_SECRET, name: web-config}")));
        assertTrue(passes(check(web, "relation: {type: MOUNTS_PVC, name: web-data, mountPath: /data}")));
        assertTrue(passes(check("{kind: StatefulSet, name: ledger}", "relation: {type: MOUNTS_PVC, name: data,"
                + " mountPath: /var/lib/ledger}")), "volume claim template");
    }

    @Test
    void envFromAndServiceAccounts() {
        String web = "{kind: Deployment, name: web}";
        assertTrue(passes(check(web, "relation: {type: ENV_FROM_CONFIGMAP, name: web-config}")));
        assertTrue(passes(check(web, "relation: {type: ENV_FROM_CONFIGMAP, name: web-settings}")), "configMapKeyRef");
        assertTrue(passes(check(web, "relation: {type: ENV_FROM_CONFIGMAP, name: web-settings, key: level,"
                + " env: LOG_LEVEL}")));
        assertFalse(passes(check(web, "relation: {type: ENV_FROM_CONFIGMAP, name: web-config, key: level}")),
                "envFrom does not count with key");
        assertTrue(passes(check(web, "relation: {type: ENV_FROM_SECRET, name: web-env}")));
        assertTrue(passes(check(web, "relation: {type: ENV_FROM_SECRET, name: web-db, key: password,"
                + " env: DB_PASSWORD}")));
        assertFalse(passes(check(web, "relation: {type: ENV_FROM_SECRET, name: web-db, env: DB_USER}")));
        assertTrue(passes(check(web, "relation: {type: USES_SERVICE_ACCOUNT, name: web-sa}")));
        assertTrue(passes(check("{kind: CronJob, name: nightly}", "relation: {type: USES_SERVICE_ACCOUNT,"
                + " name: nightly-sa}")), "CronJob pod spec");
        assertFalse(passes(check("{kind: Deployment, name: canary}", "relation: {type: USES_SERVICE_ACCOUNT,"
                + " name: web-sa}")));
    }

    @Test
    void backendServices() {
        String shop = "{kind: Ingress, name: shop}";
        assertTrue(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: web}")));
        assertTrue(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: web, port: http}")));
        assertFalse(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: web, port: 80}")));
        assertTrue(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: api, port: 80}")));
        assertTrue(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: fallback, port: 8080}")),
                "defaultBackend");
        assertFalse(passes(check(shop, "relation: {type: BACKEND_SERVICE, name: other}")));
    }

    @Test
    void statuses() {
        assertTrue(passes(check("{kind: Deployment, name: web}", "status: DEPLOYMENT_AVAILABLE")));
        assertFalse(passes(check("{kind: Deployment, name: legacy}", "status: DEPLOYMENT_AVAILABLE")),
                "0 replicas is not available");
        assertTrue(passes(check("{kind: StatefulSet, name: ledger}", "status: STATEFULSET_READY")));
        assertTrue(passes(check("{kind: PersistentVolumeClaim, name: web-data}", "status: PVC_BOUND")));
        assertTrue(passes(check("{kind: PersistentVolumeClaim, name: data-ledger-0}", "status: PVC_BOUND")));
        assertTrue(passes(check("{kind: Job, name: migrate}", "status: JOB_SUCCEEDED")));
        assertTrue(passes(check("{kind: Pod, name: toolbox}", "status: POD_READY")));
        assertTrue(passes(check("{kind: Pod, selector: 'app=web,release=canary'}", "status: POD_READY")));
    }

    @Test
    void statusRulesOnTrees() {
        assertFalse(Statuses.holds(RuntimeStatus.DEPLOYMENT_AVAILABLE, Map.of("spec", Map.of(),
                "status", Map.of())), "missing replicas = 1, missing readyReplicas = 0");
        assertTrue(Statuses.holds(RuntimeStatus.DEPLOYMENT_AVAILABLE, Map.of("spec", Map.of(),
                "status", Map.of("readyReplicas", 1))));
        assertTrue(Statuses.holds(RuntimeStatus.JOB_SUCCEEDED, Map.of("spec", Map.of("completions", 3),
                "status", Map.of("succeeded", 3))));
        assertFalse(Statuses.holds(RuntimeStatus.JOB_SUCCEEDED, Map.of("spec", Map.of("completions", 3),
                "status", Map.of("succeeded", 2))));
        assertFalse(Statuses.holds(RuntimeStatus.POD_READY, Map.of("status", Map.of("conditions",
                List.of(Map.of("type", "Ready", "status", "False"))))));
        assertFalse(Statuses.holds(RuntimeStatus.PVC_BOUND, Map.of("status", Map.of("phase", "Pending"))));
    }

    @Test
    void taskResultsScoreAndHideHints() {
        Task task = Checks.task(
                Checks.of("{id: a, description: A, points: 2, hint: ha, resource: {kind: Deployment, name: web},"
                        + " status: DEPLOYMENT_AVAILABLE}"),
                Checks.of("{id: b, description: B, hint: hb, resource: {kind: Deployment, name: nope},"
                        + " count: {min: 1}}"),
                Checks.of("{id: c, description: C, resource: {kind: Deployment, name: nope}, count: {min: 1}}"));
        TaskResult r = GRADER.grade(sandbox.client(), ns, task, true);
        assertFalse(r.passed());
        assertEquals(2, r.score());
        assertEquals(4, r.maxScore());
        assertNull(r.checks().get(0).hint(), "no hint on a passed check");
        assertEquals("hb", r.checks().get(1).hint());
        assertNull(r.checks().get(2).hint());
        assertTrue(r.report().contains("FAIL  b (1)  B\n      hint: hb\n"), r.report());
        TaskResult exam = GRADER.grade(sandbox.client(), ns, task, false);
        assertTrue(exam.checks().stream().allMatch(c -> c.hint() == null));
    }

    @Test
    void oneListCallPerKindPerRun() {
        List<ResourceKind> fetched = new ArrayList<>();
        NamespaceSnapshot live = NamespaceSnapshot.of(sandbox.client(), ns);
        NamespaceSnapshot counting = new NamespaceSnapshot(ns) {
            @Override
            protected List<Map<String, Object>> fetch(ResourceKind kind) {
                fetched.add(kind);
                return live.list(kind);
            }

            @Override
            protected java.util.Optional<Map<String, Object>> fetchClusterRole(String name) {
                return java.util.Optional.empty();
            }

            @Override
            protected boolean detectSandbox() {
                return true;
            }

            @Override
            public java.util.Optional<Boolean> accessReview(AccessRule rule) {
                return java.util.Optional.empty();
            }
        };
        Task task = Checks.task(
                Checks.of(check("{kind: Deployment, name: web}", "status: DEPLOYMENT_AVAILABLE")),
                Checks.of(check("{kind: Deployment, name: canary}", "expect: [{path: spec.replicas, equals: 1}]")),
                Checks.of(check("{kind: Service, name: web}", "relation: {type: SELECTS_PODS}")),
                Checks.of(check("{kind: NetworkPolicy, name: all-pods}", "relation: {type: SELECTS_PODS}")));
        assertTrue(GRADER.grade(counting, task, true).passed());
        assertEquals(List.of(ResourceKind.DEPLOYMENT, ResourceKind.SERVICE, ResourceKind.POD,
                ResourceKind.NETWORK_POLICY), fetched);
    }

    @Test
    void objectsBeingDeletedAreIgnored() {
        Map<String, Object> deleting = Map.of("kind", "ConfigMap", "metadata", Map.of("name", "old",
                "deletionTimestamp", "2026-01-01T00:00:00Z"));
        NamespaceSnapshot s = NamespaceSnapshot.ofObjects("x", List.of(deleting), List.of());
        assertFalse(GRADER.evaluate(s, Checks.of(check("{kind: ConfigMap, name: old}", "count: {min: 1}")))
                .passed());
    }
}
