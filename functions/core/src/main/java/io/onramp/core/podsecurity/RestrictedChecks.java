package io.onramp.core.podsecurity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

/** The restricted-level checks (kubernetes/pod-security-admission, version "latest"). */
final class RestrictedChecks {

    /** restrictedVolumes: the volume types restricted allows. */
    static final String ALLOWED_VOLUME_TYPES = "configMap, downwardAPI, emptyDir, projected, secret, csi, "
            + "persistentVolumeClaim, ephemeral, image";

    /** Volume sources restricted forbids, by manifest field name. */
    private static final Map<String, Function<Volume, Object>> FORBIDDEN_VOLUME_SOURCES = new LinkedHashMap<>();

    static {
        FORBIDDEN_VOLUME_SOURCES.put("hostPath", Volume::getHostPath);
        FORBIDDEN_VOLUME_SOURCES.put("gcePersistentDisk", Volume::getGcePersistentDisk);
        FORBIDDEN_VOLUME_SOURCES.put("awsElasticBlockStore", Volume::getAwsElasticBlockStore);
        FORBIDDEN_VOLUME_SOURCES.put("gitRepo", Volume::getGitRepo);
        FORBIDDEN_VOLUME_SOURCES.put("nfs", Volume::getNfs);
        FORBIDDEN_VOLUME_SOURCES.put("iscsi", Volume::getIscsi);
        FORBIDDEN_VOLUME_SOURCES.put("glusterfs", Volume::getGlusterfs);
        FORBIDDEN_VOLUME_SOURCES.put("rbd", Volume::getRbd);
        FORBIDDEN_VOLUME_SOURCES.put("flexVolume", Volume::getFlexVolume);
        FORBIDDEN_VOLUME_SOURCES.put("cinder", Volume::getCinder);
        FORBIDDEN_VOLUME_SOURCES.put("cephfs", Volume::getCephfs);
        FORBIDDEN_VOLUME_SOURCES.put("flocker", Volume::getFlocker);
        FORBIDDEN_VOLUME_SOURCES.put("fc", Volume::getFc);
        FORBIDDEN_VOLUME_SOURCES.put("azureFile", Volume::getAzureFile);
        FORBIDDEN_VOLUME_SOURCES.put("vsphereVolume", Volume::getVsphereVolume);
        FORBIDDEN_VOLUME_SOURCES.put("quobyte", Volume::getQuobyte);
        FORBIDDEN_VOLUME_SOURCES.put("azureDisk", Volume::getAzureDisk);
        FORBIDDEN_VOLUME_SOURCES.put("photonPersistentDisk", Volume::getPhotonPersistentDisk);
        FORBIDDEN_VOLUME_SOURCES.put("portworxVolume", Volume::getPortworxVolume);
        FORBIDDEN_VOLUME_SOURCES.put("scaleIO", Volume::getScaleIO);
        FORBIDDEN_VOLUME_SOURCES.put("storageos", Volume::getStorageos);
    }

    private RestrictedChecks() {
    }

    static void volumes(PodView pod, Findings f) {
        for (Volume v : PodView.nonNull(pod.spec().getVolumes())) {
            String type = forbiddenType(v);
            if (type != null) {
                String path = "volumes[" + v.getName() + "]" + (type.equals("unknown") ? "" : "." + type);
                f.add(path, path + (type.equals("unknown") ? " uses an unknown volume type" : " must not be used")
                        + "; restricted allows only " + ALLOWED_VOLUME_TYPES + " volumes");
            }
        }
    }

    /** The forbidden source a volume uses, {@code unknown} for an unrecognised one, or null if it is allowed. */
    private static String forbiddenType(Volume v) {
        for (Map.Entry<String, Function<Volume, Object>> e : FORBIDDEN_VOLUME_SOURCES.entrySet()) {
            if (e.getValue().apply(v) != null) {
                return e.getKey();
            }
        }
        boolean unknownSource = v.getAdditionalProperties() != null && !v.getAdditionalProperties().isEmpty()
                && v.getConfigMap() == null && v.getDownwardAPI() == null && v.getEmptyDir() == null
                && v.getProjected() == null && v.getSecret() == null && v.getCsi() == null
                && v.getPersistentVolumeClaim() == null && v.getEphemeral() == null && v.getImage() == null;
        // A volume without any source is defaulted to emptyDir by the API server.
        return unknownSource ? "unknown" : null;
    }

    /** Not required for Windows pods (PSA v1.25+). */
    static void allowPrivilegeEscalation(PodView pod, Findings f) {
        if (pod.windows()) {
            return;
        }
        for (ContainerView c : pod.containers()) {
            SecurityContext sc = c.securityContext();
            if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                String path = c.securityPath("allowPrivilegeEscalation");
                f.add(path, path + " must be false");
            }
        }
    }

    /** Pod-level true covers containers that leave it unset; relaxed for user-namespace pods (PSA v1.35+). */
    static void runAsNonRoot(PodView pod, Findings f) {
        if (pod.userNamespace()) {
            return;
        }
        PodSecurityContext psc = pod.security();
        boolean podNonRoot = false;
        if (psc != null && psc.getRunAsNonRoot() != null) {
            if (psc.getRunAsNonRoot()) {
                podNonRoot = true;
            } else {
                f.add("securityContext.runAsNonRoot", "securityContext.runAsNonRoot must be true (was false)");
            }
        }
        for (ContainerView c : pod.containers()) {
            SecurityContext sc = c.securityContext();
            String path = c.securityPath("runAsNonRoot");
            if (sc != null && sc.getRunAsNonRoot() != null) {
                if (!sc.getRunAsNonRoot()) {
                    f.add(path, path + " must be true (was false)");
                }
            } else if (!podNonRoot) {
                f.add(path, path + " must be true, or set securityContext.runAsNonRoot: true on the pod");
            }
        }
    }

    /** Relaxed for user-namespace pods (PSA v1.35+). */
    static void runAsUser(PodView pod, Findings f) {
        if (pod.userNamespace()) {
            return;
        }
        PodSecurityContext psc = pod.security();
        if (psc != null && psc.getRunAsUser() != null && psc.getRunAsUser() == 0L) {
            f.add("securityContext.runAsUser", "securityContext.runAsUser must not be 0 (root); use a non-zero UID such as 1000");
        }
        for (ContainerView c : pod.containers()) {
            SecurityContext sc = c.securityContext();
            if (sc != null && sc.getRunAsUser() != null && sc.getRunAsUser() == 0L) {
                String path = c.securityPath("runAsUser");
                f.add(path, path + " must not be 0 (root); use a non-zero UID such as 1000");
            }
        }
    }

    /** A valid pod-level profile covers containers that leave it unset; not required for Windows pods (PSA v1.25+). */
    static void seccompProfile(PodView pod, Findings f) {
        if (pod.windows()) {
            return;
        }
        PodSecurityContext psc = pod.security();
        boolean podSet = false;
        if (psc != null && psc.getSeccompProfile() != null) {
            if (BaselineChecks.allowedSeccomp(psc.getSeccompProfile())) {
                podSet = true;
            } else {
                f.add("securityContext.seccompProfile.type", "securityContext.seccompProfile.type must be RuntimeDefault"
                        + " or Localhost (was " + psc.getSeccompProfile().getType() + ")");
            }
        }
        for (ContainerView c : pod.containers()) {
            SeccompProfile profile = c.securityContext() == null ? null : c.securityContext().getSeccompProfile();
            String path = c.securityPath("seccompProfile.type");
            if (profile != null) {
                if (!BaselineChecks.allowedSeccomp(profile)) {
                    f.add(path, path + " must be RuntimeDefault or Localhost (was " + profile.getType() + ")");
                }
            } else if (!podSet) {
                f.add(path, path + " must be RuntimeDefault or Localhost, or set securityContext.seccompProfile.type:"
                        + " RuntimeDefault on the pod");
            }
        }
    }

    /** drop must include ALL, add only NET_BIND_SERVICE; not required for Windows pods (PSA v1.25+). */
    static void capabilities(PodView pod, Findings f) {
        if (pod.windows()) {
            return;
        }
        for (ContainerView c : pod.containers()) {
            if (!BaselineChecks.dropped(c).contains("ALL")) {
                String path = c.securityPath("capabilities.drop");
                f.add(path, path + " must include ALL");
            }
            for (String cap : BaselineChecks.added(c)) {
                if (!"NET_BIND_SERVICE".equals(cap)) {
                    String path = c.securityPath("capabilities.add");
                    f.add(path, path + " must not include " + cap + "; only NET_BIND_SERVICE may be added");
                }
            }
        }
    }

    /** procMount at restricted: never relaxed (PSA v1.35 procMount_restricted). */
    static void procMount(PodView pod, Findings f) {
        BaselineChecks.procMount(pod, f);
    }
}
