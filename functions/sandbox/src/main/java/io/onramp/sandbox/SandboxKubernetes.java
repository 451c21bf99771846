package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An embedded "sandbox" Kubernetes API server for local runs and tests: the fabric8 {@link KubernetesMockServer} in
 * CRUD mode on {@code 127.0.0.1}, plain HTTP, fronted by a dispatcher that also answers kubectl's discovery requests.
 * Objects live in memory only. Nothing runs: pair it with {@link SandboxControllers} for Deployments, Jobs and the
 * like to become Ready.
 *
 * <pre>{@code
 * try (SandboxKubernetes sandbox = new SandboxKubernetes(0)) {
 *   sandbox.client().namespaces().resource(ns).create();
 *   sandbox.writeKubeconfig(Path.of("/tmp/kubeconfig")); // kubectl --kubeconfig /tmp/kubeconfig get ns
 * }
 * }</pre>
 *
 * kubectl works for get, create, replace, delete, label, annotate, scale and merge patches; pass
 * {@code --validate=false} to create/replace/apply because no OpenAPI document is served.
 */
public final class SandboxKubernetes implements AutoCloseable {

  /** Name of the cluster (and of the context) in written kubeconfigs. */
  public static final String CLUSTER_NAME = "onramp-sandbox";
  /** User name in written kubeconfigs and in access review answers. */
  public static final String USER_NAME = "onramp-sandbox-user";
  /** Placeholder bearer token: the sandbox checks no credentials. */
  static final String DUMMY_TOKEN = "onramp-sandbox-dummy-token";
  /**
   * {@code User-Agent} of the shared {@link #client()}, which the simulated controllers use: request statistics
   * ({@code GET /onramp-sandbox/stats}) count their requests apart from those of other clients.
   */
  public static final String OWN_USER_AGENT = "onramp-sandbox-controllers";
  private static final String HOST = "127.0.0.1";

  /** Keeps the mock web server from logging every request at INFO (strong reference, see Logger docs). */
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

  static {
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final SandboxDispatcher dispatcher;
  private final KubernetesClient client;
  private final ApiCatalog catalog = ApiCatalog.standard();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Starts the sandbox on {@code 127.0.0.1:port}.
   *
   * @param port the TCP port, {@code 0} for any free port
   */
  public SandboxKubernetes(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
    this.dispatcher = new SandboxDispatcher(crud, catalog, this::forgetRecordedRequests);
    this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName(HOST), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    dispatcher.serverAddress(HOST + ":" + server.getPort());
    this.client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(clientConfig()).withUserAgent(OWN_USER_AGENT).build()).build();
  }

  /** Starts a sandbox on any free port. */
  public static SandboxKubernetes start() {
    return new SandboxKubernetes(0);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + HOST + ":" + port();
  }

  public int port() {
    return server.getPort();
  }

  /**
   * A shared fabric8 client for the sandbox (default namespace {@code default}, {@code User-Agent}
   * {@value #OWN_USER_AGENT}); closed by {@link #close()}.
   */
  public KubernetesClient client() {
    return client;
  }

  /** A new fabric8 client for the sandbox; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(clientConfig()).build();
  }

  /** The client configuration: master URL, namespace {@code default}, the dummy token, nothing read from disk. */
  public Config clientConfig() {
    NamedContext context = new NamedContextBuilder()
        .withName(CLUSTER_NAME)
        .withNewContext()
        .withCluster(CLUSTER_NAME)
        .withUser(USER_NAME)
        .withNamespace("default")
        .endContext()
        .build();
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withOauthToken(DUMMY_TOKEN)
        .withHttp2Disable(true)
        .addToContexts(context)
        .withCurrentContext(context)
        .withRequestRetryBackoffLimit(1)
        .build();
  }

  /** The resource types this sandbox announces. */
  public ApiCatalog catalog() {
    return catalog;
  }

  /**
   * Writes a kubeconfig for the sandbox (cluster {@value #CLUSTER_NAME}, a user with a dummy token, one context,
   * current-context set) to {@code file}, readable by the owner only where the file system allows.
   *
   * @return {@code file}
   */
  public Path writeKubeconfig(Path file) {
    io.fabric8.kubernetes.api.model.Config kubeconfig = new io.fabric8.kubernetes.api.model.ConfigBuilder()
        .withApiVersion("v1")
        .withKind("Config")
        .addNewCluster()
        .withName(CLUSTER_NAME)
        .withNewCluster()
        .withServer(url())
        .endCluster()
        .endCluster()
        .addNewUser()
        .withName(USER_NAME)
        .withNewUser()
        .withToken(DUMMY_TOKEN)
        .endUser()
        .endUser()
        .addNewContext()
        .withName(CLUSTER_NAME)
        .withNewContext()
        .withCluster(CLUSTER_NAME)
        .withUser(USER_NAME)
        .withNamespace("default")
        .endContext()
        .endContext()
        .withCurrentContext(CLUSTER_NAME)
        .build();
    String yaml = Json.MODEL.asYaml(kubeconfig);
    try {
      Path absolute = file.toAbsolutePath();
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      Path temp = Files.createTempFile(absolute.getParent(), ".kubeconfig", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
        Files.writeString(temp, yaml, StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  /**
   * Registers a listener called with the name of each namespace deleted through the API (the store deletes the
   * namespace at once and keeps its objects; {@link SandboxControllers} uses this to remove them).
   */
  public void onNamespaceDeleted(Consumer<String> listener) {
    dispatcher.onNamespaceDeleted(listener);
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Closes the shared client and stops the server; all objects are lost. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      client.close();
    } finally {
      server.destroy();
    }
  }

  /** The mock web server keeps every request in an unbounded queue; the sandbox runs for long, so drop them. */
  private void forgetRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // drop
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
