package io.onramp.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.onramp.core.testing.ManualEngine;
import io.onramp.core.auth.Caller;
import io.onramp.core.auth.WorkspaceTokens;
import io.onramp.core.testing.MutableClock;
import io.onramp.core.testing.TestDataSource;
import io.onramp.core.workspace.JobQueue;
import io.onramp.core.workspace.NewWorkspace;
import io.onramp.core.workspace.WorkspaceEngine;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.core.workspace.WorkspaceStore;
import io.onramp.pods.blueprint.BlueprintLabels;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * The workspace token of {@code onramp-check} over a pod workspace's life, with the real engine, the real PostgreSQL
 * and the sandbox API server: minted once into the code-server Secret, kept across pause and resume, rotated when the
 * Secret had to be created again, refused as soon as the delete is asked for and revoked when it is done, new for a
 * recreated workspace, and absent without code-server.
 */
class PodWorkspaceTokenTest {

    static SandboxKubernetes sandbox;
    static SandboxControllers controllers;
    static KubernetesClient client;

    DataSource db;
    MutableClock clock;
    WorkspaceEngine engine;
    WorkspaceTokens tokens;
    final PodsConfig config = PodsConfigs.defaults();


    @BeforeAll
    static void cluster() {
        sandbox = new SandboxKubernetes(0);
        controllers = new SandboxControllers(sandbox);
        client = sandbox.client();
    }

    @AfterAll
    static void stop() {
        controllers.close();
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        db = TestDataSource.migrated();
        TestDataSource.truncateWorkspaces();
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        tokens = new WorkspaceTokens(db, clock);
        engine = new WorkspaceEngine(db, new WorkspaceStore(), new JobQueue(), ManualEngine.of(3), clock,
                List.of(new PodWorkspaceDriver(client, config, lab -> Optional.empty(), tokens)));
        client.namespaces().withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE).delete();
        controllers.reconcileNow();
    }

    NewWorkspace pod(String owner, String ide) {
        return new NewWorkspace(WorkspaceKind.POD, owner, "onramp-" + owner, "http://" + owner + ".example", null, null,
                null, Map.of("ide", ide, "size", "MEDIUM", "image", config.images().defaultImage()), true);
    }

    void converge(UUID id, WorkspaceState until) {
        for (int round = 0; round < 40; round++) {
            engine.runDueJobs(10);
            if (engine.get(id).state() == until) {
                return;
            }
            controllers.reconcileNow();
            clock.advance(Duration.ofSeconds(30));
        }
        throw new AssertionError("never reached " + until + ": " + engine.get(id));
    }

    String tokenInSecret(String namespace) {
        Secret secret = client.secrets().inNamespace(namespace).withName(CodeServerObjects.SECRET).get();
        assertNotNull(secret, "code-server Secret in " + namespace);
        String data = secret.getData().get(CodeServerObjects.TOKEN_KEY);
        return data == null ? null : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    @Test
    void mintedOnceKeptAcrossPauseAndResumeRefusedOnDeleteThenRevoked() {
        UUID id = engine.create(pod("tina", "CODE_SERVER"), "tina", null, null).workspace().id();
        converge(id, WorkspaceState.RUNNING);
        String token = tokenInSecret("onramp-tina");
        assertTrue(token.startsWith(WorkspaceTokens.PREFIX), "a workspace token, not a JWT");
        Caller caller = tokens.authenticate(token).orElseThrow();
        assertEquals("tina", caller.username());
        assertEquals(id, caller.workspace());
        assertTrue(caller.roles().isEmpty(), "no role at all");
        assertEquals(Optional.of(WorkspaceTokens.fingerprint(token)), tokens.current(id), "stored hashed");

        engine.pause(id);
        converge(id, WorkspaceState.PAUSED);
        engine.resume(id);
        converge(id, WorkspaceState.RUNNING);
        assertEquals(token, tokenInSecret("onramp-tina"), "the same token after pause and resume");
        assertTrue(tokens.authenticate(token).isPresent());

        engine.delete(id);
        assertTrue(tokens.authenticate(token).isEmpty(), "refused as soon as the delete is asked for");
        converge(id, WorkspaceState.DELETED);
        assertEquals(Optional.empty(), tokens.current(id), "revoked");
        assertTrue(tokens.authenticate(token).isEmpty());
    }

    @Test
    void aSecretCreatedAgainGetsANewTokenAndCodeServerRestarts() {
        UUID id = engine.create(pod("ugo", "CODE_SERVER"), "ugo", null, null).workspace().id();
        converge(id, WorkspaceState.RUNNING);
        String first = tokenInSecret("onramp-ugo");
        String podBefore = codeServerPod("onramp-ugo");

        client.secrets().inNamespace("onramp-ugo").withName(CodeServerObjects.SECRET).delete(); // behind our back
        engine.pause(id);
        converge(id, WorkspaceState.PAUSED);
        engine.resume(id);
        converge(id, WorkspaceState.RUNNING);

        String second = tokenInSecret("onramp-ugo");
        assertNotNull(second, "the recreated Secret has a token again");
        assertNotEquals(first, second, "rotated: the old value was known nowhere");
        assertTrue(tokens.authenticate(first).isEmpty(), "the old one is dead");
        assertEquals(id, tokens.authenticate(second).orElseThrow().workspace());
        controllers.reconcileNow();
        assertNotEquals(podBefore, codeServerPod("onramp-ugo"), "code-server restarted to read the new token");
    }

    @Test
    void aRecreatedWorkspaceGetsANewToken() {
        UUID first = engine.create(pod("vera", "CODE_SERVER"), "vera", null, null).workspace().id();
        converge(first, WorkspaceState.RUNNING);
        String old = tokenInSecret("onramp-vera");
        engine.delete(first);
        converge(first, WorkspaceState.DELETED);
        controllers.reconcileNow();

        UUID second = engine.create(pod("vera", "CODE_SERVER"), "vera", null, null).workspace().id();
        assertNotEquals(first, second);
        converge(second, WorkspaceState.RUNNING);
        String fresh = tokenInSecret("onramp-vera");
        assertNotEquals(old, fresh);
        assertTrue(tokens.authenticate(old).isEmpty());
        assertEquals(second, tokens.authenticate(fresh).orElseThrow().workspace());
    }

    @Test
    void noCodeServerNoToken() {
        UUID id = engine.create(pod("walt", "NONE"), "walt", null, null).workspace().id();
        converge(id, WorkspaceState.RUNNING);
        assertEquals(Optional.empty(), tokens.current(id));
        assertEquals(null, client.secrets().inNamespace("onramp-walt").withName(CodeServerObjects.SECRET).get());
        assertTrue(tokens.authenticate(WorkspaceTokens.PREFIX + "made-up").isEmpty());
        assertTrue(tokens.authenticate("eyJhbGciOiJSUzI1NiJ9.not-a-workspace-token").isEmpty());
    }

    String codeServerPod(String namespace) {
        return client.pods().inNamespace(namespace).withLabels(CodeServerObjects.selector()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getUid()).findFirst().orElse("none");
    }
}
