package io.onramp.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes REST path split into its parts, e.g. {@code /apis/apps/v1/namespaces/x/deployments/web/scale}.
 *
 * @param group       API group, empty for the core group
 * @param version     API version
 * @param namespace   namespace, or {@code null}
 * @param plural      resource name, e.g. {@code deployments}
 * @param name        object name, or {@code null} for a collection
 * @param subresource subresource, e.g. {@code scale}, or {@code null}
 */
record ResourcePath(String group, String version, String namespace, String plural, String name,
    String subresource) {

  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/(?<cv>[^/]+)|apis/(?<g>[^/]+)/(?<v>[^/]+))"
          + "(?:/namespaces/(?<ns>[^/]+))?/(?<plural>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+))?)?$");

  /** Parses a path without query string; returns {@code null} when it is not a resource path. */
  static ResourcePath parse(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return null;
    }
    String group = m.group("cv") != null ? "" : m.group("g");
    String version = m.group("cv") != null ? m.group("cv") : m.group("v");
    String namespace = m.group("ns");
    String plural = m.group("plural");
    String name = m.group("name");
    String sub = m.group("sub");
    if (group.isEmpty() && namespace != null && name == null && (plural.equals("status") || plural.equals("finalize"))) {
      // /api/v1/namespaces/<name>/status is the namespace's own subresource
      return new ResourcePath(group, version, null, "namespaces", namespace, plural);
    }
    return new ResourcePath(group, version, namespace, plural, name, sub);
  }

  /** Strips the query string of a request path. */
  static String withoutQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** The path of the object itself, without subresource. */
  String objectPath() {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespace != null) {
      b.append("/namespaces/").append(namespace);
    }
    b.append('/').append(plural);
    if (name != null) {
      b.append('/').append(name);
    }
    return b.toString();
  }

  boolean isNamespace() {
    return group.isEmpty() && plural.equals("namespaces") && name != null && subresource == null;
  }
}
