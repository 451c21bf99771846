package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * What the simulated controllers share during one reconcile pass: the client, the simulated node, the pod address
 * pool, and writes that count themselves so the pass loop knows when the cluster has settled.
 */
final class ControllerContext {

  private static final System.Logger LOG = System.getLogger(SandboxControllers.class.getName());
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  final KubernetesClient client;
  final SandboxNode node;
  final PodAddresses podAddresses = new PodAddresses("10.244.");
  final PodAddresses serviceAddresses = new PodAddresses("10.96.");
  private int writes;
  private int failures;

  ControllerContext(KubernetesClient client, SandboxNode node) {
    this.client = client;
    this.node = node;
  }

  private List<Pod> pods = List.of();

  /** Starts a pass: forgets the write count and takes the pods as of now, for the whole pass. */
  void beginPass(List<Pod> podsNow) {
    writes = 0;
    pods = List.copyOf(podsNow);
    podAddresses.refresh(pods.stream().map(p -> p.getStatus() == null ? null : p.getStatus().getPodIP()).toList());
  }

  /**
   * The pods as of the start of the pass. Controllers only count pods they own, so pods created during the pass are
   * seen by the next pass, which runs because the pass wrote something.
   */
  List<Pod> pods() {
    return pods;
  }

  int writes() {
    return writes;
  }

  int failures() {
    return failures;
  }

  <T extends HasMetadata> T create(T object) {
    T created = client.resource(object).create();
    writes++;
    LOG.log(Level.DEBUG, () -> "sandbox created " + describe(object));
    return created;
  }

  <T extends HasMetadata> T update(T object) {
    T updated = client.resource(object).update();
    writes++;
    LOG.log(Level.DEBUG, () -> "sandbox updated " + describe(object));
    return updated;
  }

  void delete(HasMetadata object) {
    client.resource(object).delete();
    writes++;
    LOG.log(Level.DEBUG, () -> "sandbox deleted " + describe(object));
  }

  /** Runs {@code action} for each item; a failure is logged and the next item goes on. */
  <T extends HasMetadata> void each(String controller, Collection<T> items, Consumer<T> action) {
    for (T item : items) {
      try {
        action.accept(item);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 || e.getCode() == 404) {
          // changed or deleted meanwhile: the next pass sees the new state
          LOG.log(Level.DEBUG, () -> controller + ": " + describe(item) + " changed meanwhile, retrying next pass");
        } else {
          failed(controller, item, e);
        }
      } catch (RuntimeException e) {
        failed(controller, item, e);
      }
    }
  }

  private void failed(String controller, HasMetadata item, RuntimeException e) {
    failures++;
    LOG.log(Level.WARNING, () -> controller + ": cannot reconcile " + describe(item) + ": " + e.getMessage());
    LOG.log(Level.DEBUG, "stack trace", e);
  }

  /** A random suffix like the API server's generateName: five characters of {@code bcdfghjklmnpqrstvwxz2456789}. */
  static String randomSuffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(SUFFIX_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length())));
    }
    return b.toString();
  }

  static String describe(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return String.valueOf(object);
    }
    String ns = object.getMetadata().getNamespace();
    return object.getKind() + " " + (ns == null ? "" : ns + "/") + object.getMetadata().getName();
  }

  static boolean terminating(HasMetadata object) {
    return object.getMetadata().getDeletionTimestamp() != null;
  }
}
