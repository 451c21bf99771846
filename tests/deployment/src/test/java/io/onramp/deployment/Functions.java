package io.onramp.deployment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;

/** The Knative Services of the kustomization as Onramp's functions: the contract names, their containers and env. */
public final class Functions {

    /** Function group (ONRAMP_DEPLOYMENT_SERVE) -> Knative Service / ServiceAccount name. */
    public static final Map<String, String> SERVICES = Map.of(
            "gateway", "onramp-gateway",
            "pods", "onramp-pods",
            "vms", "onramp-vms",
            "labs", "onramp-labs",
            "coder", "onramp-coder");

    private Functions() {
    }

    public static Service service(Kustomization k, String group) {
        return k.require(Service.class, SERVICES.get(group));
    }

    public static RevisionSpec spec(Service s) {
        return s.getSpec().getTemplate().getSpec();
    }

    public static Container container(Service s) {
        List<Container> containers = spec(s).getContainers();
        if (containers == null || containers.size() != 1) {
            throw new AssertionError(s.getMetadata().getName() + " must have exactly one container");
        }
        return containers.get(0);
    }

    /** The literal env values of the container, ConfigMaps of envFrom included (env wins, as in Kubernetes). */
    public static Map<String, String> env(Kustomization k, Service s) {
        Map<String, String> out = new LinkedHashMap<>();
        Container c = container(s);
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = k.require(ConfigMap.class, from.getConfigMapRef().getName());
                    if (cm.getData() != null) {
                        out.putAll(cm.getData());
                    }
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValue() != null) {
                    out.put(e.getName(), e.getValue());
                }
            }
        }
        return out;
    }

    public static Optional<String> env(Kustomization k, Service s, String name) {
        return Optional.ofNullable(env(k, s).get(name));
    }

    /** Names of the Secrets the container reads (secretKeyRef, envFrom secretRef, secret volumes). */
    public static Set<String> secrets(Service s) {
        Set<String> out = new LinkedHashSet<>();
        Container c = container(s);
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    out.add(e.getValueFrom().getSecretKeyRef().getName());
                }
            }
        }
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getSecretRef() != null) {
                    out.add(from.getSecretRef().getName());
                }
            }
        }
        if (spec(s).getVolumes() != null) {
            spec(s).getVolumes().forEach(v -> {
                if (v.getSecret() != null) {
                    out.add(v.getSecret().getSecretName());
                }
                if (v.getProjected() != null && v.getProjected().getSources() != null) {
                    v.getProjected().getSources().forEach(p -> {
                        if (p.getSecret() != null) {
                            out.add(p.getSecret().getName());
                        }
                    });
                }
            });
        }
        return out;
    }

    /** The Secret keys read through secretKeyRef, as {@code secret/key}. */
    public static Set<String> secretKeys(Service s) {
        Set<String> out = new LinkedHashSet<>();
        Container c = container(s);
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    out.add(e.getValueFrom().getSecretKeyRef().getName() + "/"
                            + e.getValueFrom().getSecretKeyRef().getKey());
                }
            }
        }
        return out;
    }

    public static Map<String, String> annotations(Service s) {
        Map<String, String> a = s.getSpec().getTemplate().getMetadata() == null ? null
                : s.getSpec().getTemplate().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }
}
