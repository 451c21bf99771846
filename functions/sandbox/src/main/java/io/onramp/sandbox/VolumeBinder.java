package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PersistentVolumeClaim -> Bound. A claim without a volume gets a simulated volume {@code pvc-<uid>} (hostPath,
 * reclaim policy Delete) with the requested capacity; a claim naming an existing volume is bound to it. Simulated
 * volumes whose claim is gone are deleted.
 */
final class VolumeBinder {

  static final Quantity DEFAULT_CAPACITY = new Quantity("1Gi");

  int reconcile(ControllerContext ctx) {
    List<PersistentVolumeClaim> claims = ctx.client.persistentVolumeClaims().inAnyNamespace().list().getItems();
    int before = ctx.writes();
    ctx.each("volume-binder", claims, claim -> bind(ctx, claim));
    Set<String> claimUids = new HashSet<>();
    claims.forEach(c -> claimUids.add(c.getMetadata().getUid()));
    List<PersistentVolume> volumes = ctx.client.persistentVolumes().list().getItems();
    ctx.each("volume-binder", volumes, volume -> release(ctx, volume, claimUids));
    return ctx.writes() - before;
  }

  private void bind(ControllerContext ctx, PersistentVolumeClaim claim) {
    if (ControllerContext.terminating(claim)) {
      return;
    }
    if (claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())) {
      return;
    }
    Quantity requested = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
        ? null : claim.getSpec().getResources().getRequests().get("storage");
    Quantity capacity = requested == null ? DEFAULT_CAPACITY : requested;
    String volumeName = claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty()
        ? "pvc-" + claim.getMetadata().getUid() : claim.getSpec().getVolumeName();
    PersistentVolume volume = ctx.client.persistentVolumes().withName(volumeName).get();
    var claimRef = new ObjectReferenceBuilder()
        .withApiVersion("v1")
        .withKind("PersistentVolumeClaim")
        .withNamespace(claim.getMetadata().getNamespace())
        .withName(claim.getMetadata().getName())
        .withUid(claim.getMetadata().getUid())
        .build();
    if (volume == null) {
      volume = ctx.create(new PersistentVolumeBuilder()
          .withNewMetadata()
          .withName(volumeName)
          .addToAnnotations(Simulated.ANNOTATION, "true")
          .addToAnnotations("pv.kubernetes.io/provisioned-by", "onramp.io/sandbox")
          .endMetadata()
          .withNewSpec()
          .withCapacity(Map.of("storage", capacity))
          .withAccessModes(claim.getSpec().getAccessModes())
          .withStorageClassName(claim.getSpec().getStorageClassName())
          .withVolumeMode(claim.getSpec().getVolumeMode())
          .withPersistentVolumeReclaimPolicy("Delete")
          .withClaimRef(claimRef)
          .withNewHostPath().withPath("/var/lib/onramp-sandbox/" + volumeName).endHostPath()
          .endSpec()
          .withNewStatus().withPhase("Bound").endStatus()
          .build());
    } else if (volume.getStatus() == null || !"Bound".equals(volume.getStatus().getPhase())) {
      volume.getSpec().setClaimRef(claimRef);
      volume.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder().withPhase("Bound")
          .build());
      Simulated.mark(volume.getMetadata());
      volume = ctx.update(volume);
    }
    Quantity volumeCapacity = volume.getSpec().getCapacity() == null ? null
        : volume.getSpec().getCapacity().get("storage");
    claim.getSpec().setVolumeName(volumeName);
    Simulated.mark(claim.getMetadata());
    claim.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
    claim.getMetadata().getAnnotations().put("pv.kubernetes.io/bound-by-controller", "yes");
    PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatusBuilder()
        .withPhase("Bound")
        .withAccessModes(claim.getSpec().getAccessModes())
        .withCapacity(Map.of("storage", volumeCapacity == null ? capacity : volumeCapacity))
        .build();
    claim.setStatus(status);
    ctx.update(claim);
  }

  private void release(ControllerContext ctx, PersistentVolume volume, Set<String> claimUids) {
    if (!Simulated.isSimulated(volume) || ControllerContext.terminating(volume) || volume.getSpec().getClaimRef() == null) {
      return;
    }
    if (!claimUids.contains(volume.getSpec().getClaimRef().getUid())
        && "Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
      ctx.delete(volume);
    }
  }
}
