package io.onramp.gateway.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.onramp.core.store.EmbeddedDatabase;
import io.onramp.gateway.LaunchOptions;
import io.onramp.sandbox.KubeDns;
import io.onramp.sandbox.SandboxControllers;
import io.onramp.sandbox.SandboxKubernetes;

/**
 * What local mode brings up before Quarkus starts: PostgreSQL (embedded unless ONRAMP_DB_URL is set), the signing
 * key pair, and Kubernetes (the user's kubeconfig if there is one, otherwise the sandbox API server with its
 * simulated controllers). Everything lives under the data directory.
 */
public final class LocalEnvironment implements AutoCloseable {

    public static final String LOCAL_ISSUER = "https://onramp.local";
    public static final String AUDIENCE = "onramp";
    /** Local mode's stand-in for a cluster's service-account issuer (split mode on one machine). */
    public static final String LOCAL_SERVICES_ISSUER = "https://onramp.local/services";

    private final Map<String, String> properties = new LinkedHashMap<>();
    private EmbeddedDatabase database;
    private SandboxKubernetes sandbox;
    private SandboxControllers controllers;

    private LocalEnvironment() {
    }

    public static LocalEnvironment prepare(LaunchOptions options) {
        LocalEnvironment env = new LocalEnvironment();
        try {
            env.prepareIn(options);
            return env;
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private void prepareIn(LaunchOptions options) {
        Path dataDir = options.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        properties.put("onramp.mode", "LOCAL");
        properties.put("onramp.local.data-dir", dataDir.toString());
        properties.put("quarkus.http.port", Integer.toString(options.port()));
        properties.put("quarkus.http.host", env("ONRAMP_HTTP_HOST", "127.0.0.1"));
        properties.put("quarkus.smallrye-graphql.ui.enabled", "true");

        if (env("ONRAMP_DB_URL", null) == null) {
            database = EmbeddedDatabase.persistent(dataDir.resolve("postgres"));
            properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            properties.put("quarkus.datasource.username", EmbeddedDatabase.USER);
            properties.put("quarkus.datasource.password", "postgres");
            properties.put("onramp.local.database", "EMBEDDED");
            properties.put("onramp.local.database-url", "jdbc:postgresql://localhost:" + database.port() + "/postgres");
        }

        SigningKeys keys = SigningKeys.in(dataDir.resolve("keys"));
        if (env("ONRAMP_JWT_ISSUER", null) == null) {
            properties.put("mp.jwt.verify.issuer", LOCAL_ISSUER);
            properties.put("mp.jwt.verify.audiences", AUDIENCE);
            properties.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
            properties.put("onramp.local.signing-key", keys.privateKeyFile().toString());
        }

        if (env("ONRAMP_SERVICES_ISSUER", null) == null) {
            LocalServiceIdentities.prepare(dataDir.resolve("keys/services"), env("ONRAMP_SERVICES_TOKEN_FILE", null) == null,
                    env("ONRAMP_SERVICES_AUDIENCE", "onramp-functions")).forEach(properties::put);
        }

        // VM workspace passwords are kept encrypted at rest; local mode keeps its key beside the signing keys.
        if (env("ONRAMP_VMS_PASSWORD_KEY", null) == null) {
            properties.put("onramp.vms.password-key", LocalSecrets.aesKey(dataDir.resolve("keys/vm-password.key")));
        }

        Path kubeconfig = userKubeconfig();
        if (kubeconfig != null && !Boolean.parseBoolean(env("ONRAMP_SANDBOX", "false"))) {
            properties.put("kubeconfig", kubeconfig.toString());
            properties.put("onramp.kubernetes.api-server", masterUrl(kubeconfig));
        } else {
            startSandbox(dataDir);
        }
    }

    private void startSandbox(Path dataDir) {
        int port = Integer.parseInt(env("ONRAMP_SANDBOX_PORT", "0"));
        sandbox = new SandboxKubernetes(port);
        controllers = new SandboxControllers(sandbox).start();
        // What every real cluster has, and what NetworkPolicies and kubectl users expect to find.
        for (String name : new String[] { "default", "kube-system", "kube-public", "kube-node-lease" }) {
            sandbox.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/metadata.name", name).endMetadata().build()).createOr(NonDeletingOperation::update);
        }
        sandbox.client().pods().inNamespace("kube-system").resource(KubeDns.pod()).createOr(NonDeletingOperation::update);
        Path kubeconfig = sandbox.writeKubeconfig(dataDir.resolve("sandbox-kubeconfig"));
        properties.put("onramp.kubernetes.sandbox", "true");
        properties.put("onramp.kubernetes.api-server", sandbox.url());
        properties.put("onramp.local.sandbox-kubeconfig", kubeconfig.toString());
        // The Quarkus client settings are fixed at build time; fabric8's own system properties are read at run time.
        properties.put("kubernetes.master", sandbox.url());
        properties.put("kubernetes.auth.token", "sandbox");
        properties.put("kubernetes.namespace", "default");
        properties.put("kubernetes.auth.tryKubeConfig", "false");
        properties.put("kubernetes.auth.tryServiceAccount", "false");
    }

    /** ONRAMP_KUBECONFIG, else KUBECONFIG, else ~/.kube/config, if the file exists. */
    static Path userKubeconfig() {
        for (String candidate : new String[] { env("ONRAMP_KUBECONFIG", null), firstPath(env("KUBECONFIG", null)),
                System.getProperty("user.home") + "/.kube/config" }) {
            if (candidate != null && !candidate.isBlank() && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        return null;
    }

    private static String masterUrl(Path kubeconfig) {
        String previous = System.getProperty("kubeconfig");
        try {
            System.setProperty("kubeconfig", kubeconfig.toString());
            return Config.autoConfigure(null).getMasterUrl();
        } finally {
            if (previous == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", previous);
            }
        }
    }

    private static String firstPath(String value) {
        return value == null ? null : value.split(java.io.File.pathSeparator)[0];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    public void applyAsSystemProperties() {
        properties.forEach(System::setProperty);
    }

    @Override
    public synchronized void close() {
        if (controllers != null) {
            controllers.close();
            controllers = null;
        }
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
