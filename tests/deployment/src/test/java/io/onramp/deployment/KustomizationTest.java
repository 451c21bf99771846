package io.onramp.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.onramp.pods.blueprint.NamespaceNames;

/** The kustomization is a plain resources list that kubectl apply -k can apply as it is. */
class KustomizationTest {

    final Kustomization k = Kustomization.load();

    @Test
    void isAPlainResourcesList() {
        assertEquals("kustomize.config.k8s.io/v1beta1", k.raw().get("apiVersion"));
        assertEquals("Kustomization", k.raw().get("kind"));
        assertEquals(Set.of("apiVersion", "kind", "resources"), k.raw().keySet(),
                "only a resources list: no namespace/images/patch transformers, every object says what it is");
        assertEquals(new TreeSet<>(k.resources()), new TreeSet<>(k.yamlFilesOnDisk()),
                "every YAML file of knative/ is listed, and every listed file exists");
        assertEquals(k.resources().size(), new HashSet<>(k.resources()).size(), "no file listed twice");
    }

    @Test
    void everyDocumentParsesIntoItsTypedModel() {
        assertFalse(k.all().isEmpty());
        k.byFile().forEach((file, objects) -> {
            assertFalse(objects.isEmpty(), file + " holds no object");
            for (HasMetadata o : objects) {
                assertFalse(o instanceof GenericKubernetesResource,
                        file + ": " + o.getKind() + " " + o.getMetadata().getName()
                                + " is not a known kind (typo in apiVersion/kind?)");
                assertNotNull(o.getMetadata().getName(), file + ": an object without a name");
            }
        });
        // the kinds this deployment is made of, each as its fabric8 class
        for (Class<? extends HasMetadata> type : List.of(Namespace.class, Service.class, Broker.class, Trigger.class,
                PingSource.class, ClusterRole.class, ClusterRoleBinding.class, ValidatingAdmissionPolicy.class,
                ValidatingAdmissionPolicyBinding.class)) {
            assertFalse(k.all(type).isEmpty(), "no " + type.getName());
        }
    }

    @Test
    void namespacedObjectsNameTheirNamespaceAndClusterObjectsDoNot() {
        Set<Class<?>> clusterScoped = Set.of(Namespace.class, ClusterRole.class, ClusterRoleBinding.class,
                ValidatingAdmissionPolicy.class, ValidatingAdmissionPolicyBinding.class);
        Set<String> names = new HashSet<>();
        for (HasMetadata o : k.all()) {
            String id = o.getKind() + " " + o.getMetadata().getName();
            assertTrue(names.add(o.getApiVersion() + "/" + id + "@" + o.getMetadata().getNamespace()),
                    "defined twice: " + id);
            if (clusterScoped.contains(o.getClass())) {
                assertEquals(null, o.getMetadata().getNamespace(), id + " is cluster-scoped");
            } else {
                assertEquals(Kustomization.NAMESPACE, o.getMetadata().getNamespace(), id + " names no namespace");
            }
        }
        k.require(Namespace.class, Kustomization.NAMESPACE);
    }

    @Test
    void onrampsOwnNamespaceIsNotATenantNamespace() {
        // the guardrail policy treats the service accounts of onramp-* namespaces as tenant identities
        assertFalse(Kustomization.NAMESPACE.startsWith(NamespaceNames.PREFIX));
        Namespace ns = k.require(Namespace.class, Kustomization.NAMESPACE);
        String managedBy = ns.getMetadata().getLabels() == null ? null
                : ns.getMetadata().getLabels().get("app.kubernetes.io/managed-by");
        if ("onramp".equals(managedBy)) {
            fail("the onramp namespace must not look like a developer namespace (managed-by=onramp)");
        }
    }
}
