package io.onramp.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Pod subresources of the sandbox. No container ever runs, so {@code log} answers with one line saying so,
 * {@code eviction} deletes the pod, and {@code exec}, {@code attach}, {@code portforward} and {@code proxy} are
 * refused with 501.
 */
final class PodSubresources {

  private final CrudStore store;

  PodSubresources(CrudStore store) {
    this.store = store;
  }

  MockResponse handle(RecordedRequest request, ResourcePath path) {
    boolean exists = store.get(path.objectPath()).isPresent();
    if (!exists) {
      return ApiResponses.notFound(path.plural(), path.name());
    }
    switch (path.subresource()) {
      case "log":
        if (!"GET".equals(request.getMethod())) {
          return ApiResponses.failure(405, "MethodNotAllowed", "pods/log supports get only");
        }
        return ApiResponses.text(200, "onramp sandbox: pod " + path.name()
            + " is simulated, its containers do not run and write no logs\n");
      case "eviction":
        if (!"POST".equals(request.getMethod())) {
          return ApiResponses.failure(405, "MethodNotAllowed", "pods/eviction supports create only");
        }
        store.delete(path.objectPath());
        return ApiResponses.success(201, "pod " + path.name() + " evicted");
      default:
        return ApiResponses.failure(501, "NotImplemented", "pods/" + path.subresource()
            + " is not available in the onramp sandbox: its pods are simulated and run no containers");
    }
  }
}
