package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Front of the sandbox API server. Answers what kubectl asks before anything else (discovery, {@code /version},
 * {@code /openapi}), the subresources the CRUD store cannot serve ({@code scale}, {@code pods/log}, reviews, tokens)
 * and JSON merge patches; hands every other request to the fabric8 {@link KubernetesCrudDispatcher}.
 */
final class SandboxDispatcher extends Dispatcher {

  private static final System.Logger LOG = System.getLogger(SandboxDispatcher.class.getName());

  /** Version announced at {@code /version}. */
  static final String MAJOR = "1";
  static final String MINOR = "34";
  static final String GIT_VERSION = "v1.34.0+onramp-sandbox";

  private final ApiCatalog catalog;
  private final CrudStore store;
  private final ScaleSubresource scale;
  private final PodSubresources pods;
  private final ServiceAccountTokens tokens;
  private final AccessReviews reviews = new AccessReviews();
  private final RequestStats stats = new RequestStats();
  private final List<Consumer<String>> namespaceDeletionListeners = new CopyOnWriteArrayList<>();
  private final Runnable afterRequest;
  private volatile String serverAddress = "127.0.0.1:0";

  SandboxDispatcher(KubernetesCrudDispatcher crud, ApiCatalog catalog, Runnable afterRequest) {
    this.catalog = catalog;
    this.store = new CrudStore(crud);
    this.scale = new ScaleSubresource(store);
    this.pods = new PodSubresources(store);
    this.tokens = new ServiceAccountTokens(store);
    this.afterRequest = afterRequest;
  }

  void serverAddress(String hostAndPort) {
    this.serverAddress = hostAndPort;
  }

  void onNamespaceDeleted(Consumer<String> listener) {
    namespaceDeletionListeners.add(listener);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      String path = ResourcePath.withoutQuery(request.getPath());
      if (RequestStats.handles(path)) {
        return stats.answer(request, path);
      }
      stats.count(request);
      return route(request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "sandbox API failed on " + request.getMethod() + " " + request.getPath(), e);
      return ApiResponses.failure(500, "InternalError", "onramp sandbox: " + e);
    } finally {
      try {
        afterRequest.run();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "after-request hook failed", e);
      }
    }
  }

  RequestStats stats() {
    return stats;
  }

  @Override
  public void shutdown() {
    store.dispatcher().shutdown();
  }

  private MockResponse route(RecordedRequest request) {
    String path = ResourcePath.withoutQuery(request.getPath());
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    boolean get = "GET".equals(request.getMethod());
    String contentType = request.getHeader("Content-Type");
    if (!get && contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")
        && !contentType.toLowerCase(java.util.Locale.ROOT).contains("yaml") && request.getBody().size() > 0) {
      // e.g. application/vnd.kubernetes.protobuf (imperative kubectl create) or application/cbor
      return ApiResponses.failure(415, "UnsupportedMediaType", "the onramp sandbox accepts JSON only, not "
          + contentType + " (imperative kubectl create sends protobuf: use '--dry-run=client -o yaml | "
          + "kubectl create --validate=false -f -')");
    }
    if (get) {
      Optional<MockResponse> info = serverInformation(path);
      if (info.isPresent()) {
        return info.get();
      }
    }
    if (get && isWatch(request.getPath()) && request.getHeader("Upgrade") == null) {
      return ApiResponses.failure(501, "NotImplemented", "the onramp sandbox serves watches over WebSocket only "
          + "(fabric8 clients); HTTP streaming watches such as 'kubectl get -w' are not supported");
    }
    ResourcePath resource = ResourcePath.parse(path);
    if (resource == null) {
      return ApiResponses.withJsonContentType(store.dispatch(request));
    }
    if (reviews.handles(resource)) {
      return reviews.answer(request, resource);
    }
    if (resource.subresource() != null) {
      switch (resource.subresource()) {
        case "status":
          break;
        case "scale":
          return scale.handle(request, resource);
        case "token":
          if (resource.plural().equals("serviceaccounts")) {
            return tokens.handle(request, resource);
          }
          return unsupported(resource);
        default:
          if (resource.group().isEmpty() && resource.plural().equals("pods")) {
            return pods.handle(request, resource);
          }
          return unsupported(resource);
      }
    }
    if ("PATCH".equals(request.getMethod())) {
      return patch(request, resource);
    }
    MockResponse response = store.dispatch(request);
    if (get && response.code() == 200 && response.getWebSocketListener() == null
        && ServerSideTables.wantsTable(request.getHeader("Accept")) && resource.subresource() == null) {
      String query = request.getPath().contains("?") ? request.getPath().substring(request.getPath().indexOf('?'))
          : "";
      return ServerSideTables.toTable(response, resource, query.contains("includeObject=Object"));
    }
    if (get && response.code() == 200 && resource.name() == null && response.getWebSocketListener() == null) {
      typedList(response, resource);
    }
    if ("DELETE".equals(request.getMethod()) && resource.isNamespace() && response.code() == 200) {
      for (Consumer<String> listener : namespaceDeletionListeners) {
        try {
          listener.accept(resource.name());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "namespace deletion listener failed", e);
        }
      }
    }
    return ApiResponses.withJsonContentType(response);
  }

  /** PATCH: JSON patches go to the CRUD store; merge patches are applied here and stored with a PUT. */
  private MockResponse patch(RecordedRequest request, ResourcePath resource) {
    String contentType = request.getHeader("Content-Type");
    if (Patches.JSON_PATCH.equals(Patches.mediaType(contentType))) {
      MockResponse response = store.dispatch(request);
      if (response.code() == 202) {
        response.setResponseCode(200);
      }
      return ApiResponses.withJsonContentType(response);
    }
    String body = new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String path = ResourcePath.withoutQuery(request.getPath());
    MockResponse response = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<ObjectNode> current = store.get(resource.objectPath());
      if (current.isEmpty()) {
        return ApiResponses.notFound(resource.plural(), resource.name());
      }
      JsonNode patched;
      try {
        patched = Patches.apply(contentType, current.get(), body);
      } catch (Patches.UnsupportedPatch e) {
        return ApiResponses.failure(e.code, e.code == 415 ? "UnsupportedMediaType" : "BadRequest", e.getMessage());
      }
      if (!patched.isObject()) {
        return ApiResponses.failure(422, "Invalid", "the patch must leave an object");
      }
      response = store.put(path, patched);
      boolean patchPinsVersion = Json.text(Json.parse(body), "metadata", "resourceVersion") != null;
      if (response.code() != 409 || patchPinsVersion) {
        break;
      }
    }
    return ApiResponses.withJsonContentType(response);
  }

  /**
   * The CRUD store answers every list as {@code v1 List}; typed clients (client-go, used by kubectl logs, describe,
   * drain) then see no items. Rename it to {@code <Kind>List} of the resource's group version.
   */
  private void typedList(MockResponse response, ResourcePath resource) {
    Optional<ApiResourceType> type = catalog.find(resource.group(), resource.version(), resource.plural());
    if (type.isEmpty()) {
      return;
    }
    String body = CrudStore.body(response);
    String generic = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";
    if (body.startsWith(generic)) {
      response.setBody("{\"apiVersion\":\"" + type.get().apiVersion() + "\",\"kind\":\"" + type.get().kind()
          + "List\"," + body.substring(generic.length()));
    }
  }

  private static boolean isWatch(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return false;
    }
    for (String parameter : pathAndQuery.substring(q + 1).split("&")) {
      if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }

  private static MockResponse unsupported(ResourcePath resource) {
    return ApiResponses.failure(501, "NotImplemented", resource.plural() + "/" + resource.subresource()
        + " is not available in the onramp sandbox");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Server information and discovery

  private Optional<MockResponse> serverInformation(String path) {
    switch (path) {
      case "/":
        return Optional.of(ApiResponses.json(200, new RootPathsBuilder().withPaths(rootPaths()).build()));
      case "/version":
        return Optional.of(ApiResponses.json(200, version()));
      case "/healthz", "/livez", "/readyz":
        return Optional.of(ApiResponses.text(200, "ok"));
      case "/api":
        return Optional.of(ApiResponses.json(200, catalog.legacyApiVersions(serverAddress)));
      case "/api/v1":
        return Optional.of(ApiResponses.json(200, catalog.apiResourceList("", "v1")));
      case "/apis":
        return Optional.of(ApiResponses.json(200, catalog.apiGroupList(customResourceGroups())));
      default:
        break;
    }
    if (path.equals("/openapi") || path.startsWith("/openapi/") || path.equals("/swagger.json")) {
      return Optional.of(ApiResponses.failure(404, "NotFound", "the onramp sandbox serves no OpenAPI document; "
          + "use kubectl with --validate=false"));
    }
    String[] parts = path.split("/");
    if (parts.length == 3 && parts[1].equals("apis")) {
      String group = parts[2];
      if (catalog.servesGroup(group)) {
        return Optional.of(ApiResponses.json(200, catalog.apiGroup(group)));
      }
      return customResourceGroups().stream().filter(g -> g.getName().equals(group)).findFirst()
          .map(g -> ApiResponses.json(200, g));
    }
    if (parts.length == 4 && parts[1].equals("apis") && catalog.servesGroupVersion(parts[2], parts[3])) {
      return Optional.of(ApiResponses.json(200, catalog.apiResourceList(parts[2], parts[3])));
    }
    return Optional.empty();
  }

  private List<String> rootPaths() {
    List<String> paths = new ArrayList<>(List.of("/api", "/api/v1", "/apis"));
    for (String groupVersion : catalog.groupVersions()) {
      if (groupVersion.contains("/")) {
        String group = groupVersion.substring(0, groupVersion.indexOf('/'));
        if (!paths.contains("/apis/" + group)) {
          paths.add("/apis/" + group);
        }
        paths.add("/apis/" + groupVersion);
      }
    }
    paths.addAll(List.of("/healthz", "/livez", "/readyz", "/version"));
    return paths;
  }

  private static ObjectNode version() {
    ObjectNode version = Json.object();
    version.put("major", MAJOR);
    version.put("minor", MINOR);
    version.put("gitVersion", GIT_VERSION);
    version.put("gitCommit", "0000000000000000000000000000000000000000");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2025-08-27T00:00:00Z");
    version.put("goVersion", "go1.24.6");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }

  /** API groups of stored custom resource definitions that the catalog does not know. */
  private List<APIGroup> customResourceGroups() {
    Map<String, List<GroupVersionForDiscovery>> versions = new LinkedHashMap<>();
    Map<String, GroupVersionForDiscovery> preferred = new LinkedHashMap<>();
    for (JsonNode crd : store.list("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")) {
      String group = Json.text(crd, "spec", "group");
      if (group == null || catalog.servesGroup(group)) {
        continue;
      }
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (!v.path("served").asBoolean(true)) {
          continue;
        }
        String name = v.path("name").asText();
        GroupVersionForDiscovery gv = new GroupVersionForDiscoveryBuilder()
            .withGroupVersion(group + "/" + name).withVersion(name).build();
        List<GroupVersionForDiscovery> list = versions.computeIfAbsent(group, g -> new ArrayList<>());
        if (!list.contains(gv)) {
          list.add(gv);
        }
        if (v.path("storage").asBoolean(false)) {
          preferred.put(group, gv);
        }
      }
    }
    List<APIGroup> groups = new ArrayList<>();
    versions.forEach((group, list) -> groups.add(new APIGroupBuilder()
        .withName(group)
        .withVersions(list)
        .withPreferredVersion(preferred.getOrDefault(group, list.get(0)))
        .build()));
    return groups;
  }
}
