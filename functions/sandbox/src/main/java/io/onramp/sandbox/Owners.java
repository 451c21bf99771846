package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Owner references: who controls whom. */
final class Owners {

  private Owners() {
  }

  /** A controller reference to {@code owner} (controller and blockOwnerDeletion set). */
  static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (uid == null || refs == null) {
      return false;
    }
    return refs.stream().anyMatch(r -> uid.equals(r.getUid()) && Boolean.TRUE.equals(r.getController()));
  }

  static boolean hasControllerOfKind(HasMetadata object, String kind) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> kind.equals(r.getKind())
        && Boolean.TRUE.equals(r.getController()));
  }

  /** The objects of {@code candidates} controlled by {@code owner} (same namespace), oldest first. */
  static <T extends HasMetadata> List<T> controlledBy(HasMetadata owner, Collection<T> candidates) {
    return candidates.stream()
        .filter(c -> java.util.Objects.equals(c.getMetadata().getNamespace(), owner.getMetadata().getNamespace()))
        .filter(c -> isControlledBy(c, owner))
        .sorted(Comparator.comparing((T c) -> String.valueOf(c.getMetadata().getCreationTimestamp()))
            .thenComparing(c -> c.getMetadata().getName()))
        .toList();
  }
}
