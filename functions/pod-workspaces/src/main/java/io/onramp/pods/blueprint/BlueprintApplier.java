package io.onramp.pods.blueprint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.onramp.core.error.OnrampException;

/**
 * Applies a rendered blueprint, idempotently and safe to retry: every object is read, then created when missing or
 * updated (PUT with the read resourceVersion) when it lacks something the blueprint sets, and left alone otherwise.
 * Works with any API server that supports get, create, update and delete (no server-side apply, no strategic
 * merge patch), so both a real cluster and the sandbox.
 *
 * <p>
 * Per kind:
 * <ul>
 * <li>Labels and annotations are merged (others' keys are kept); other top-level fields the blueprint sets
 * ({@code spec}, {@code data}, {@code subjects}...) replace the stored ones; {@code status} is never written.</li>
 * <li>Namespace: refused while it is being deleted ({@link OnrampException#unavailable}), or when it exists but is not
 * managed by Onramp or belongs to another owner ({@link OnrampException#conflict}).</li>
 * <li>Secret: existing keys are never overwritten, so the code-server password survives every re-apply; except the
 * workspace token ({@value CodeServerObjects#TOKEN_KEY}), which is rendered only when minted and then replaces the
 * stored one.</li>
 * <li>PersistentVolumeClaim: the spec of an existing claim is never touched (immutable apart from expansion).</li>
 * <li>Service: the server-assigned clusterIP(s), IP families and node ports are kept.</li>
 * <li>Deployment: while paused ({@value BlueprintLabels#PAUSED_REPLICAS} on it), the current replica count is kept;
 * created in a paused namespace ({@value BlueprintLabels#PAUSED} on it), it starts paused.</li>
 * <li>RoleBinding: {@code roleRef} is immutable, so a binding with another roleRef is deleted and recreated.</li>
 * <li>Guardrail NetworkPolicies of Onramp that the blueprint no longer renders are deleted.</li>
 * </ul>
 * In a namespace that the same apply has just created, objects are created without being read first (one request
 * instead of two; an object that exists after all is refused with 409 and then read and updated as usual).
 * <p>
 * Nothing is awaited: a failed or interrupted apply is completed by applying the same list again. Objects are
 * never logged (the Secret holds the password and the workspace token); only kinds and names are.
 */
public final class BlueprintApplier {

    private static final Logger LOG = Logger.getLogger(BlueprintApplier.class);
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;

    public BlueprintApplier(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.serialization = client.getKubernetesSerialization();
    }

    /**
     * Applies the objects in order (a Namespace among them first).
     *
     * @throws OnrampException unavailable when the namespace is being deleted or an object kept changing under us;
     *         conflict when the namespace belongs to someone else
     * @throws KubernetesClientException for other API errors (the caller retries)
     */
    public ApplyResult apply(List<? extends HasMetadata> objects) {
        List<HasMetadata> ordered = new ArrayList<>();
        objects.stream().filter(o -> o instanceof Namespace).forEach(ordered::add);
        objects.stream().filter(o -> !(o instanceof Namespace)).forEach(ordered::add);
        ApplyResult.Collector result = new ApplyResult.Collector();
        Map<String, Boolean> pausedNamespaces = new HashMap<>();
        Set<String> createdNamespaces = new HashSet<>();
        for (HasMetadata object : ordered) {
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null && createdNamespaces.contains(namespace)
                    && createInNewNamespace(object, result, pausedNamespaces)) {
                continue;
            }
            applyOne(object, result, pausedNamespaces);
            if (object instanceof Namespace && result.created.contains(kindName(object))) {
                // created by this apply from the blueprint: empty, not paused, no stale policies in it
                createdNamespaces.add(object.getMetadata().getName());
                pausedNamespaces.put(object.getMetadata().getName(), false);
            }
        }
        pruneGuardrailPolicies(ordered, result, createdNamespaces);
        ApplyResult done = result.build();
        LOG.debugf("applied %d objects: %s", ordered.size(), done);
        return done;
    }

    /**
     * Re-applies only the objects labelled {@code onramp.io/guardrail=true} (NetworkPolicies, quota, LimitRange,
     * RoleBinding), e.g. on resume after the developer deleted or edited one.
     *
     * @param objects a rendered blueprint of {@code namespace} (other objects are ignored)
     * @throws IllegalArgumentException when a guardrail object belongs to another namespace
     */
    public ApplyResult reapplyGuardrails(String namespace, List<? extends HasMetadata> objects) {
        List<HasMetadata> guardrails = new ArrayList<>();
        for (HasMetadata object : objects) {
            Map<String, String> labels = object.getMetadata().getLabels();
            if (labels != null && "true".equals(labels.get(BlueprintLabels.GUARDRAIL))) {
                if (!namespace.equals(object.getMetadata().getNamespace())) {
                    throw new IllegalArgumentException(kindName(object) + " is not in namespace " + namespace);
                }
                guardrails.add(object);
            }
        }
        return apply(guardrails);
    }

    /** Creates or updates the shipped ClusterRole {@value DeveloperClusterRole#NAME}. */
    public ApplyResult ensureClusterRole() {
        ApplyResult.Collector result = new ApplyResult.Collector();
        applyOne(DeveloperClusterRole.build(), result, new HashMap<>());
        return result.build();
    }

    /** The effective code-server password of a namespace, from its Secret; never log it. */
    public Optional<String> codeServerPassword(String namespace) {
        Secret secret = client.secrets().inNamespace(namespace).withName(CodeServerObjects.SECRET).get();
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().get(CodeServerObjects.PASSWORD_KEY) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(
                    secret.getData().get(CodeServerObjects.PASSWORD_KEY)), StandardCharsets.UTF_8));
        }
        if (secret.getStringData() != null) {
            return Optional.ofNullable(secret.getStringData().get(CodeServerObjects.PASSWORD_KEY));
        }
        return Optional.empty();
    }

    /**
     * Creates an object in a namespace this apply has just created, without reading it first: nothing can be in
     * there yet but what someone else created meanwhile, which the create refuses (409) and {@link #applyOne} then
     * reads and updates as usual.
     *
     * @return false when the object exists after all
     */
    private boolean createInNewNamespace(HasMetadata desired, ApplyResult.Collector result,
            Map<String, Boolean> paused) {
        String name = kindName(desired);
        try {
            client.resource(forCreate(desired, paused)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                LOG.debugf("%s exists in a namespace created just now: reading it", name);
                return false;
            }
            throw e;
        }
        result.created.add(name);
        LOG.debugf("created %s", name);
        return true;
    }

    private void applyOne(HasMetadata desired, ApplyResult.Collector result, Map<String, Boolean> paused) {
        String name = kindName(desired);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HasMetadata existing = client.resource(desired).get();
            try {
                if (existing == null) {
                    client.resource(forCreate(desired, paused)).create();
                    result.created.add(name);
                    LOG.debugf("created %s", name);
                    return;
                }
                checkExisting(desired, existing);
                if (desired instanceof RoleBinding wantedBinding && existing instanceof RoleBinding storedBinding
                        && !Objects.equals(wantedBinding.getRoleRef(), storedBinding.getRoleRef())) {
                    client.resource(storedBinding).delete();
                    result.deleted.add(name);
                    LOG.debugf("deleted %s to change its roleRef", name);
                    continue;
                }
                JsonNode stored = serialization.convertValue(existing, JsonNode.class);
                ObjectNode merged = merge(desired, stored);
                if (JsonTrees.contains(stored, merged)) {
                    result.unchanged.add(name);
                    return;
                }
                client.resource(serialization.convertValue(merged, desired.getClass())).update();
                result.updated.add(name);
                LOG.debugf("updated %s", name);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("conflict on %s, attempt %d: reading it again", name, attempt);
            }
        }
        throw OnrampException.unavailable("The workspace's " + name + " kept changing while it was being set up; "
                + "try again.");
    }

    /** The object as created: a Deployment created in a paused namespace starts paused. */
    private HasMetadata forCreate(HasMetadata desired, Map<String, Boolean> paused) {
        if (desired instanceof Deployment deployment
                && paused.computeIfAbsent(deployment.getMetadata().getNamespace(), this::namespacePaused)) {
            Deployment copy = serialization.clone(deployment);
            Integer replicas = copy.getSpec().getReplicas();
            if (copy.getMetadata().getAnnotations() == null) {
                copy.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            copy.getMetadata().getAnnotations().put(BlueprintLabels.PAUSED_REPLICAS,
                    Integer.toString(replicas == null ? 1 : replicas));
            copy.getSpec().setReplicas(0);
            return copy;
        }
        return desired;
    }

    private boolean namespacePaused(String namespace) {
        Namespace ns = client.namespaces().withName(namespace).get();
        return ns != null && ns.getMetadata().getAnnotations() != null
                && "true".equals(ns.getMetadata().getAnnotations().get(BlueprintLabels.PAUSED));
    }

    private static void checkExisting(HasMetadata desired, HasMetadata existing) {
        if (existing.getMetadata().getDeletionTimestamp() != null) {
            throw OnrampException.unavailable("The workspace's " + kindName(desired)
                    + " is still being deleted; try again in a moment.");
        }
        if (desired instanceof Namespace) {
            Map<String, String> labels = existing.getMetadata().getLabels();
            if (labels == null || !BlueprintLabels.MANAGED_BY_VALUE.equals(labels.get(BlueprintLabels.MANAGED_BY))) {
                throw OnrampException.conflict("The namespace " + desired.getMetadata().getName()
                        + " already exists and is not managed by Onramp.");
            }
            String ownerWanted = annotation(desired, BlueprintLabels.OWNER);
            String ownerStored = annotation(existing, BlueprintLabels.OWNER);
            if (ownerWanted != null && ownerStored != null && !ownerWanted.equals(ownerStored)) {
                throw OnrampException.conflict("The namespace " + desired.getMetadata().getName()
                        + " belongs to another owner.");
            }
        }
    }

    /**
     * The object to store: the stored one with our labels and annotations merged in and our top-level fields
     * replacing its own, adjusted per kind (see the class comment).
     */
    private ObjectNode merge(HasMetadata desired, JsonNode stored) {
        ObjectNode wanted = serialization.convertValue(desired, ObjectNode.class);
        ObjectNode merged = ((ObjectNode) stored).deepCopy();
        wanted.properties().forEach(field -> {
            if (!field.getKey().equals("metadata") && !field.getKey().equals("status")) {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        JsonTrees.mergeMap(merged, wanted, "labels");
        JsonTrees.mergeMap(merged, wanted, "annotations");
        // sent without managedFields, an update keeps the server's field ownership as it is
        ((ObjectNode) merged.get("metadata")).remove("managedFields");
        if (desired instanceof Secret) {
            ObjectNode data = wanted.path("data").isObject() ? ((ObjectNode) wanted.get("data")).deepCopy()
                    : merged.objectNode();
            if (stored.path("data").isObject()) {
                data.setAll((ObjectNode) stored.get("data"));
            }
            JsonNode token = wanted.path("data").path(CodeServerObjects.TOKEN_KEY);
            if (token.isTextual()) {
                data.set(CodeServerObjects.TOKEN_KEY, token); // a token minted just now replaces the older one
            }
            merged.set("data", data);
            keep(merged, stored, "type");
            keep(merged, stored, "immutable");
        } else if (desired instanceof PersistentVolumeClaim) {
            keep(merged, stored, "spec");
        } else if (desired instanceof Service) {
            ObjectNode spec = (ObjectNode) merged.get("spec");
            JsonNode storedSpec = stored.path("spec");
            for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy",
                    "healthCheckNodePort", "internalTrafficPolicy", "sessionAffinity")) {
                if (!spec.has(field) && storedSpec.has(field)) {
                    spec.set(field, storedSpec.get(field).deepCopy());
                }
            }
            keepNodePorts(spec, storedSpec);
        } else if (desired instanceof Deployment) {
            JsonNode annotations = stored.path("metadata").path("annotations");
            if (annotations.has(BlueprintLabels.PAUSED_REPLICAS) && stored.path("spec").has("replicas")) {
                ((ObjectNode) merged.get("spec")).set("replicas", stored.path("spec").get("replicas").deepCopy());
            }
        }
        return merged;
    }

    private static void keepNodePorts(ObjectNode spec, JsonNode storedSpec) {
        JsonNode ports = spec.path("ports");
        JsonNode storedPorts = storedSpec.path("ports");
        if (!ports.isArray() || !storedPorts.isArray()) {
            return;
        }
        for (JsonNode port : ports) {
            for (JsonNode storedPort : storedPorts) {
                if (port.path("port").equals(storedPort.path("port")) && storedPort.has("nodePort")
                        && !port.has("nodePort")) {
                    ((ObjectNode) port).set("nodePort", storedPort.get("nodePort").deepCopy());
                }
            }
        }
    }

    private static void keep(ObjectNode merged, JsonNode stored, String field) {
        if (stored.has(field)) {
            merged.set(field, stored.get(field).deepCopy());
        } else {
            merged.remove(field);
        }
    }

    /**
     * Deletes Onramp's guardrail NetworkPolicies that are not in the list, in every namespace for which the list
     * contains guardrail NetworkPolicies (e.g. the API server policy after its CIDRs were unset), except in
     * namespaces this apply created (only what it created is in them).
     */
    private void pruneGuardrailPolicies(List<HasMetadata> objects, ApplyResult.Collector result,
            Set<String> createdNamespaces) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof NetworkPolicy && isGuardrail(object)
                    && !createdNamespaces.contains(object.getMetadata().getNamespace())) {
                wanted.computeIfAbsent(object.getMetadata().getNamespace(), ns -> new LinkedHashSet<>())
                        .add(object.getMetadata().getName());
            }
        }
        wanted.forEach((namespace, names) -> {
            List<NetworkPolicy> stored = client.network().v1().networkPolicies().inNamespace(namespace)
                    .withLabel(BlueprintLabels.GUARDRAIL, "true")
                    .withLabel(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE)
                    .list().getItems();
            for (NetworkPolicy policy : stored) {
                if (!names.contains(policy.getMetadata().getName()) && isGuardrail(policy)) {
                    client.resource(policy).delete();
                    result.deleted.add(kindName(policy));
                    LOG.debugf("deleted stale %s in %s", kindName(policy), namespace);
                }
            }
        });
    }

    private static boolean isGuardrail(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(BlueprintLabels.GUARDRAIL))
                && BlueprintLabels.MANAGED_BY_VALUE.equals(labels.get(BlueprintLabels.MANAGED_BY));
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    static String kindName(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
