package io.onramp.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the sandbox answers, for benchmarks: in total, by HTTP method and by method and resource
 * ({@code POST apps/deployments}, {@code GET namespaces/{name}}, {@code GET networking.k8s.io/networkpolicies} for a
 * list, {@code GET pods (watch)}), overall and per client, a client being its {@code User-Agent} (the sandbox's own
 * client, used by the simulated controllers, sends {@value SandboxKubernetes#OWN_USER_AGENT}). Thread-safe and
 * lock-free; a request counted while a reset runs may land on either side of it.
 * <ul>
 * <li>{@code GET /onramp-sandbox/stats}: the counts as JSON
 * {@code {"total":n,"byMethod":{..},"byResource":{..},"byClient":{"<agent>":{"total":n,"byMethod":{..},
 * "byResource":{..}}}}}</li>
 * <li>{@code POST /onramp-sandbox/stats/reset}: zeroes them and answers the counts before the reset.</li>
 * </ul>
 * These requests are not counted themselves. At most {@value #MAX_KEYS} distinct clients and resources per map are
 * kept; further ones are counted under {@code other}.
 */
final class RequestStats {

  static final String PATH = "/onramp-sandbox/stats";
  static final String RESET_PATH = PATH + "/reset";
  static final int MAX_KEYS = 200;
  private static final String OTHER = "other";

  private final AtomicReference<Counts> current = new AtomicReference<>(new Counts());

  /** True for the requests served by {@link #answer}. */
  static boolean handles(String path) {
    return path.equals(PATH) || path.equals(RESET_PATH);
  }

  void count(RecordedRequest request) {
    String method = request.getMethod() == null ? "?" : request.getMethod();
    String resource = method + " " + resource(request);
    String agent = request.getHeader("User-Agent");
    current.get().add(agent == null || agent.isBlank() ? "unknown" : agent, method, resource);
  }

  MockResponse answer(RecordedRequest request, String path) {
    if (path.equals(PATH) && "GET".equals(request.getMethod())) {
      return ApiResponses.json(200, current.get().toJson());
    }
    if (path.equals(RESET_PATH) && "POST".equals(request.getMethod())) {
      return ApiResponses.json(200, current.getAndSet(new Counts()).toJson());
    }
    return ApiResponses.failure(405, "MethodNotAllowed", "use GET " + PATH + " or POST " + RESET_PATH);
  }

  /** The counts as of now (the JSON of {@code GET /onramp-sandbox/stats}). */
  ObjectNode snapshot() {
    return current.get().toJson();
  }

  /** {@code [group/]plural[/{name}][/subresource]}, {@code " (watch)"} for watches; a non-resource path as is. */
  static String resource(RecordedRequest request) {
    String pathAndQuery = request.getPath() == null ? "/" : request.getPath();
    String path = ResourcePath.withoutQuery(pathAndQuery);
    ResourcePath parsed = ResourcePath.parse(path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path);
    if (parsed == null) {
      return path;
    }
    StringBuilder b = new StringBuilder();
    if (!parsed.group().isEmpty()) {
      b.append(parsed.group()).append('/');
    }
    b.append(parsed.plural());
    if (parsed.name() != null) {
      b.append("/{name}");
    }
    if (parsed.subresource() != null) {
      b.append('/').append(parsed.subresource());
    }
    if (pathAndQuery.contains("watch=true") || pathAndQuery.contains("watch=1")) {
      b.append(" (watch)");
    }
    return b.toString();
  }

  /** One generation of counters, replaced as a whole by a reset. */
  private static final class Counts {
    final Counter all = new Counter();
    final Map<String, Counter> clients = new ConcurrentHashMap<>();

    void add(String agent, String method, String resource) {
      all.add(method, resource);
      bounded(clients, agent, Counter::new).add(method, resource);
    }

    ObjectNode toJson() {
      ObjectNode json = all.toJson();
      ObjectNode byClient = json.putObject("byClient");
      new TreeMap<>(clients).forEach((agent, counter) -> byClient.set(agent, counter.toJson()));
      return json;
    }
  }

  private static final class Counter {
    final LongAdder total = new LongAdder();
    final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    final Map<String, LongAdder> byResource = new ConcurrentHashMap<>();

    void add(String method, String resource) {
      total.increment();
      bounded(byMethod, method, LongAdder::new).increment();
      bounded(byResource, resource, LongAdder::new).increment();
    }

    ObjectNode toJson() {
      ObjectNode json = Json.TREES.createObjectNode();
      json.put("total", total.sum());
      ObjectNode methods = json.putObject("byMethod");
      new TreeMap<>(byMethod).forEach((k, v) -> methods.put(k, v.sum()));
      ObjectNode resources = json.putObject("byResource");
      new TreeMap<>(byResource).forEach((k, v) -> resources.put(k, v.sum()));
      return json;
    }
  }

  private static <V> V bounded(Map<String, V> map, String key, java.util.function.Supplier<V> create) {
    V value = map.get(key);
    if (value != null) {
      return value;
    }
    return map.computeIfAbsent(map.size() < MAX_KEYS ? key : OTHER, k -> create.get());
  }
}
