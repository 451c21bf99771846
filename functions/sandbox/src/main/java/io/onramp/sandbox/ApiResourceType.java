package io.onramp.sandbox;

import java.util.List;

/**
 * One resource type the sandbox API server announces in its discovery documents, e.g. {@code apps/v1 deployments}.
 *
 * @param group        API group, empty for the core group
 * @param version      API version, e.g. {@code v1}
 * @param plural       resource name used in URLs, e.g. {@code deployments}
 * @param singular     singular name, e.g. {@code deployment}
 * @param kind         object kind, e.g. {@code Deployment}
 * @param namespaced   whether objects live in a namespace
 * @param verbs        supported verbs
 * @param shortNames   kubectl short names, e.g. {@code deploy}
 * @param categories   categories such as {@code all}
 * @param subresources subresources such as {@code status} or {@code scale}
 */
public record ApiResourceType(String group, String version, String plural, String singular, String kind,
    boolean namespaced, List<String> verbs, List<String> shortNames, List<String> categories,
    List<Subresource> subresources) {

  public ApiResourceType {
    verbs = List.copyOf(verbs);
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = List.copyOf(subresources);
  }

  /** {@code v1} for the core group, {@code <group>/<version>} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** URL prefix of the group version: {@code /api/v1} or {@code /apis/<group>/<version>}. */
  public String basePath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** Collection URL, namespaced when {@code namespace} is given and the type is namespaced. */
  public String collectionPath(String namespace) {
    if (namespaced && namespace != null) {
      return basePath() + "/namespaces/" + namespace + "/" + plural;
    }
    return basePath() + "/" + plural;
  }

  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  /**
   * A subresource such as {@code pods/log}.
   *
   * @param name    the part after the slash, e.g. {@code log}
   * @param group   group of the subresource's kind, empty when it is the parent's
   * @param version version of the subresource's kind, empty when it is the parent's
   * @param kind    kind served by the subresource, e.g. {@code Scale}
   * @param verbs   supported verbs
   */
  public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    public Subresource {
      verbs = List.copyOf(verbs);
    }
  }
}
