package io.onramp.exoscale;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small typed client for the part of the Exoscale API v2 Onramp uses: templates, instance types, compute
 * instances and their lifecycle, security groups, and operations. Thread safe.
 *
 * <p><b>Retries</b> ({@link RetryPolicy}: 429, 5xx but 501, connection failures and timeouts; exponential back-off,
 * {@code Retry-After} honoured; every attempt signed anew): reads and idempotent changes ({@code PUT :start/:stop},
 * {@code DELETE}) are retried on all of them; other {@code POST}s only when the request surely had no effect (429,
 * connection refused); {@code POST /instance} never ({@link #createInstanceOnce}). Use
 * {@link #ensureInstance} to create instances: it finds an existing instance of the workspace by label before
 * creating, and looks again after every failed or ambiguous attempt, so retries and crashes do not make a second VM.
 *
 * <p><b>Errors</b>: {@link ExoscaleApiException} / {@link ExoscaleOperationException} (both
 * {@link OnrampException}), mapped by {@link ExoscaleErrorMapper}. Credentials, signatures and user-data never
 * appear in messages, {@code toString} or logs.
 *
 * <p><b>Concurrency</b>: {@link #ensureInstance} holds a per-(zone, workspace) lock of this client, so concurrent
 * calls for one workspace in this JVM create at most one instance. The lock does not span processes: the workspace
 * engine serialises the operations of one workspace, which is what makes this safe across replicas.
 */
public final class ExoscaleClient {

    /** The label that ties an instance to its Onramp workspace. */
    public static final String WORKSPACE_LABEL = "onramp.io/workspace-id";
    public static final String PUBLIC = "public";

    private static final System.Logger LOG = System.getLogger("io.onramp.exoscale");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final ExoscaleTransport transport;
    private final OperationPoller poller;
    private final ObjectMapper json;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Duration operationTimeout;
    private final KeyedLocks workspaceLocks = new KeyedLocks();

    private ExoscaleClient(Builder b) {
        if (b.credentials == null) {
            throw OnrampException.badInput("Exoscale credentials are missing: set " + ExoscaleCredentials.KEY_VARIABLE
                    + " and " + ExoscaleCredentials.SECRET_VARIABLE);
        }
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.clock = b.clock;
        this.retryPolicy = b.retryPolicy;
        this.operationTimeout = b.operationTimeout;
        HttpClient http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(b.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        RequestSigner signer = b.signer != null ? b.signer : new RequestSigner(b.credentials, b.clock);
        ExoscaleErrorMapper errors = new ExoscaleErrorMapper(b.credentials);
        this.transport = new ExoscaleTransport(http, b.endpoint, signer, b.retryPolicy, b.sleeper, b.clock,
                b.requestTimeout, errors, json);
        this.poller = new OperationPoller(this::fetchOperationOnce, b.clock, transport, b.operationTimeout, errors);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration; only the credentials are required. */
    public static final class Builder {
        private ExoscaleCredentials credentials;
        private ExoscaleEndpoint endpoint = ExoscaleEndpoint.defaultEndpoint();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration operationTimeout = OperationPoller.DEFAULT_TIMEOUT;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private HttpClient httpClient;
        private RequestSigner signer;

        private Builder() {
        }

        public Builder credentials(ExoscaleCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Default {@code https://api-{zone}.exoscale.com/v2}. */
        public Builder endpoint(ExoscaleEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Clock for signature expiry and deadlines (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How to wait between retries and polls (default {@link Sleeper#SYSTEM}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Deadline for waiting on one operation or state change (default 15 min). */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /** Timeout of one HTTP request (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Timeout for opening a connection (default 10 s; ignored with {@link #httpClient}). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** A preconfigured JDK client (default: HTTP/1.1, no redirects). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Test hook: a signer to use instead of the default one. */
        Builder signer(RequestSigner signer) {
            this.signer = signer;
            return this;
        }

        public ExoscaleClient build() {
            return new ExoscaleClient(this);
        }
    }

    // ============================================================================================ templates, types

    /** Templates of a zone with the given visibility ({@code public} or {@code private}). */
    public List<Template> listTemplates(String zone, String visibility) {
        if (!PUBLIC.equals(visibility) && !"private".equals(visibility)) {
            throw OnrampException.badInput("Template visibility must be public or private");
        }
        JsonNode answer = transport.get(zone(zone), "/template", Map.of("visibility", visibility));
        return readList(answer.path("templates"), Template.class);
    }

    /**
     * The public template named {@code name}; among several of that name the newest {@code created-at} wins.
     *
     * @throws OnrampException NOT_FOUND when there is none
     */
    public Template findTemplate(String zone, String name) {
        List<Template> matches = listTemplates(zone, PUBLIC).stream().filter(t -> name.equals(t.name())).toList();
        return matches.stream()
                .max(Comparator.comparing(Template::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> OnrampException.notFound(
                        "No public Exoscale template named '" + name + "' in zone " + zone));
    }

    /** All instance types. */
    public List<InstanceType> listInstanceTypes(String zone) {
        return readList(transport.get(zone(zone), "/instance-type", null).path("instance-types"), InstanceType.class);
    }

    /**
     * The instance type named {@code [family.]size}, e.g. {@code standard.medium} or {@code medium} (family
     * {@code standard}).
     *
     * @throws OnrampException BAD_USER_INPUT for a malformed name, NOT_FOUND when there is no such type
     */
    public InstanceType findInstanceType(String zone, String typeName) {
        if (typeName == null || typeName.isBlank()) {
            throw OnrampException.badInput("An instance type name such as standard.medium is required");
        }
        String normalized = typeName.strip().toLowerCase(Locale.ROOT);
        int dot = normalized.indexOf('.');
        String family = dot < 0 ? InstanceType.DEFAULT_FAMILY : normalized.substring(0, dot);
        String size = dot < 0 ? normalized : normalized.substring(dot + 1);
        if (family.isEmpty() || size.isEmpty() || size.contains(".")) {
            throw OnrampException.badInput("'" + typeName + "' is not an instance type name like standard.medium");
        }
        List<InstanceType> types = listInstanceTypes(zone);
        return types.stream().filter(t -> family.equals(t.family()) && size.equals(t.size())).findFirst()
                .orElseThrow(() -> OnrampException.notFound("No Exoscale instance type " + family + "." + size
                        + " in zone " + zone));
    }

    // ============================================================================================ instances

    /**
     * {@code POST /instance}, exactly once: no retry of any kind, because a lost answer may hide a created VM.
     * Prefer {@link #ensureInstance}.
     *
     * @return the pending operation; its reference is the new instance
     */
    public Operation createInstanceOnce(String zone, CreateInstanceRequest request) {
        byte[] body = write(request.toBody());
        return read(transport.call(zone(zone), "POST", "/instance", null, body, ExoscaleTransport.Retry.NEVER),
                Operation.class);
    }

    /**
     * The instance of workspace {@code workspaceId}, created from {@code request} (plus the label
     * {@value #WORKSPACE_LABEL}) if it does not exist yet. Idempotent and crash safe: it lists the zone's instances
     * and returns the one with the workspace label (waiting out {@code starting}/{@code stopping}); only if there
     * is none does it create one, once; after a failed or ambiguous create (429, 5xx, dropped connection, timeout)
     * it backs off and looks again before another attempt. Instances on their way out ({@code destroying}) are
     * ignored. Waits for the create operation and returns the instance as it then is (normally {@code running}).
     *
     * <p>Concurrent calls for one workspace are serialised by a lock of this client (one JVM); across processes
     * the workspace engine serialises per workspace.
     */
    public Instance ensureInstance(String zone, String workspaceId, CreateInstanceRequest request) {
        zone(zone);
        if (workspaceId == null || workspaceId.isBlank() || workspaceId.length() > 255
                || workspaceId.chars().anyMatch(Character::isISOControl)) {
            throw OnrampException.badInput("A workspace id of 1 to 255 printable characters is required");
        }
        CreateInstanceRequest labelled = request.withLabel(WORKSPACE_LABEL, workspaceId);
        return workspaceLocks.withLock(zone + "\n" + workspaceId, () -> {
            for (int attempt = 0; ; attempt++) {
                Optional<Instance> existing = findInstanceByWorkspace(zone, workspaceId);
                if (existing.isPresent()) {
                    return awaitSettled(zone, existing.get().id());
                }
                Operation created;
                try {
                    created = createInstanceOnce(zone, labelled);
                } catch (ExoscaleApiException e) {
                    if (!e.isTransient() || attempt >= retryPolicy.maxRetries()) {
                        throw e;
                    }
                    Duration wait = retryPolicy.delay(attempt, e.retryAfter().orElse(null)).orElseThrow(() -> e);
                    LOG.log(System.Logger.Level.INFO, "Creating the instance of workspace {0} in {1} failed ({2});"
                            + " looking for it again in {3} ms", workspaceId, zone,
                            e.httpStatus() == 0 ? "no answer" : "HTTP " + e.httpStatus(), wait.toMillis());
                    transport.sleep(wait);
                    continue;
                }
                Operation done = poller.await(zone, created);
                Optional<Instance> instance = done.referenceId() != null ? getInstance(zone, done.referenceId())
                        : findInstanceByWorkspace(zone, workspaceId);
                return instance.orElseThrow(() -> OnrampException.unavailable("Exoscale reported the instance of"
                        + " workspace " + workspaceId + " as created in zone " + zone + " but does not list it"));
            }
        });
    }

    /** The instance, or empty when Exoscale answers 404. */
    public Optional<Instance> getInstance(String zone, String instanceId) {
        try {
            return Optional.of(read(transport.get(zone(zone), "/instance/" + id(instanceId), null), Instance.class));
        } catch (ExoscaleApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** All instances of a zone. */
    public List<Instance> listInstances(String zone) {
        return readList(transport.get(zone(zone), "/instance", null).path("instances"), Instance.class);
    }

    /**
     * Instances carrying label {@code key=value}. Filtered here: the format of the API's {@code labels} query
     * parameter is not documented, so it is not used.
     */
    public List<Instance> listInstancesByLabel(String zone, String key, String value) {
        return listInstances(zone).stream().filter(i -> i.hasLabel(key, value)).toList();
    }

    /**
     * The instance of a workspace, ignoring instances on their way out; if there are several (which only an
     * outside actor can cause), the oldest.
     */
    public Optional<Instance> findInstanceByWorkspace(String zone, String workspaceId) {
        List<Instance> found = listInstancesByLabel(zone, WORKSPACE_LABEL, workspaceId).stream()
                .filter(i -> !i.state().isGoingAway()).toList();
        if (found.size() > 1) {
            LOG.log(System.Logger.Level.WARNING, "{0} instances carry {1}={2} in zone {3}; using the oldest",
                    found.size(), WORKSPACE_LABEL, workspaceId, zone);
        }
        return found.stream()
                .min(Comparator.comparing(Instance::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** {@code DELETE /instance/{id}} (retried; a retry after a lost answer may end in 404 or 409). */
    public Operation deleteInstance(String zone, String instanceId) {
        return read(transport.call(zone(zone), "DELETE", "/instance/" + id(instanceId), null, null,
                ExoscaleTransport.Retry.IDEMPOTENT), Operation.class);
    }

    /** {@code PUT /instance/{id}:start} with body {@code {}}. Prefer {@link #startIfNeeded}. */
    public Operation startInstance(String zone, String instanceId) {
        return read(transport.call(zone(zone), "PUT", "/instance/" + id(instanceId) + ":start", null, EMPTY_OBJECT,
                ExoscaleTransport.Retry.IDEMPOTENT), Operation.class);
    }

    /** {@code PUT /instance/{id}:stop} without body. Prefer {@link #stopIfNeeded}. */
    public Operation stopInstance(String zone, String instanceId) {
        return read(transport.call(zone(zone), "PUT", "/instance/" + id(instanceId) + ":stop", null, null,
                ExoscaleTransport.Retry.IDEMPOTENT), Operation.class);
    }

    /**
     * Makes sure the instance runs: reads its state first; {@code running}: nothing to do; {@code stopped}:
     * {@code :start} and wait; {@code starting}/{@code stopping}/{@code migrating}: wait and look again.
     *
     * @throws OnrampException NOT_FOUND when the instance does not exist, CONFLICT when it is in state
     *                         {@code error} or being deleted
     */
    public Instance startIfNeeded(String zone, String instanceId) {
        return drive(zone, instanceId, InstanceState.RUNNING, InstanceState.STOPPED, () -> startInstance(zone, instanceId));
    }

    /** Makes sure the instance is stopped; the mirror image of {@link #startIfNeeded}. */
    public Instance stopIfNeeded(String zone, String instanceId) {
        return drive(zone, instanceId, InstanceState.STOPPED, InstanceState.RUNNING, () -> stopInstance(zone, instanceId));
    }

    /**
     * Deletes the instance and waits until it is gone; an instance that does not exist (404) counts as deleted.
     */
    public void ensureDeleted(String zone, String instanceId) {
        Deadline deadline = new Deadline();
        while (true) {
            Optional<Instance> current = getInstance(zone, instanceId);
            if (current.isEmpty()) {
                return;
            }
            InstanceState state = current.get().state();
            if (state.isTransitional() || state.isGoingAway()) {
                deadline.pause(zone, instanceId, state);
                continue;
            }
            try {
                poller.await(zone, deleteInstance(zone, instanceId));
            } catch (OnrampException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    return;
                }
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                deadline.pause(zone, instanceId, state); // someone else changed it: look again
            }
        }
    }

    /** Polls the instance until it is in no transitional state and returns it. */
    public Instance awaitSettled(String zone, String instanceId) {
        Deadline deadline = new Deadline();
        while (true) {
            Instance instance = getInstance(zone, instanceId).orElseThrow(() -> OnrampException.notFound(
                    "Exoscale instance " + instanceId + " does not exist in zone " + zone));
            if (!instance.state().isTransitional()) {
                return instance;
            }
            deadline.pause(zone, instanceId, instance.state());
        }
    }

    private Instance drive(String zone, String instanceId, InstanceState goal, InstanceState from,
            java.util.function.Supplier<Operation> action) {
        Deadline deadline = new Deadline();
        while (true) {
            Instance instance = getInstance(zone, instanceId).orElseThrow(() -> OnrampException.notFound(
                    "Exoscale instance " + instanceId + " does not exist in zone " + zone));
            InstanceState state = instance.state();
            if (state == goal) {
                return instance;
            }
            if (state == from) {
                try {
                    poller.await(zone, action.get());
                } catch (OnrampException e) {
                    if (e.code() != ErrorCode.CONFLICT) {
                        throw e;
                    }
                    deadline.pause(zone, instanceId, state); // state changed under us: look again
                }
                continue;
            }
            if (state.isTransitional()) {
                deadline.pause(zone, instanceId, state);
                continue;
            }
            throw OnrampException.conflict("Exoscale instance " + instanceId + " in zone " + zone + " is "
                    + state.value() + " and cannot be made " + goal.value());
        }
    }

    /** Waiting on an instance's state with the polling intervals and deadline of operations. */
    private final class Deadline {
        private final Instant start = clock.instant();
        private Duration slept = Duration.ZERO;

        void pause(String zone, String instanceId, InstanceState state) {
            Duration clockElapsed = Duration.between(start, clock.instant());
            Duration elapsed = clockElapsed.compareTo(slept) > 0 ? clockElapsed : slept;
            if (elapsed.compareTo(operationTimeout) >= 0) {
                throw OnrampException.unavailable("Exoscale instance " + instanceId + " in zone " + zone
                        + " is still " + state.value() + " after " + ExoscaleErrorMapper.human(operationTimeout));
            }
            Duration wait = OperationPoller.interval(elapsed);
            transport.sleep(wait);
            slept = slept.plus(wait);
        }
    }

    // ============================================================================================ security groups

    /** {@code POST /security-group}; retried only when it surely had no effect. */
    public Operation createSecurityGroup(String zone, String name, String description) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw OnrampException.badInput("A security group name of 1 to 255 characters is required");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        return read(transport.call(zone(zone), "POST", "/security-group", null, write(body),
                ExoscaleTransport.Retry.SAFE), Operation.class);
    }

    /** {@code POST /security-group/{id}/rules}; retried only when it surely had no effect. */
    public Operation addSecurityGroupRule(String zone, String securityGroupId, SecurityGroupRule rule) {
        rule.validate();
        return read(transport.call(zone(zone), "POST", "/security-group/" + id(securityGroupId) + "/rules", null,
                write(rule.withoutId()), ExoscaleTransport.Retry.SAFE), Operation.class);
    }

    /** The security group, or empty when Exoscale answers 404. */
    public Optional<SecurityGroup> getSecurityGroup(String zone, String securityGroupId) {
        try {
            return Optional.of(read(transport.get(zone(zone), "/security-group/" + id(securityGroupId), null),
                    SecurityGroup.class));
        } catch (ExoscaleApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<SecurityGroup> listSecurityGroups(String zone) {
        return readList(transport.get(zone(zone), "/security-group", null).path("security-groups"),
                SecurityGroup.class);
    }

    public Optional<SecurityGroup> findSecurityGroupByName(String zone, String name) {
        return listSecurityGroups(zone).stream().filter(g -> name.equals(g.name())).findFirst();
    }

    /**
     * The security group named {@code name}, created (and waited for) if missing; a concurrent or lost create is
     * resolved by looking it up by name.
     */
    public SecurityGroup ensureSecurityGroup(String zone, String name, String description) {
        Optional<SecurityGroup> existing = findSecurityGroupByName(zone, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Operation done;
        try {
            done = poller.await(zone, createSecurityGroup(zone, name, description));
        } catch (ExoscaleApiException e) {
            if (e.code() == ErrorCode.CONFLICT || e.outcomeUnknown()) {
                return findSecurityGroupByName(zone, name).orElseThrow(() -> e);
            }
            throw e;
        }
        return getSecurityGroup(zone, done.referenceId()).or(() -> findSecurityGroupByName(zone, name))
                .orElseThrow(() -> OnrampException.unavailable("Exoscale reported security group " + name
                        + " as created but does not list it"));
    }

    /** Adds {@code rule} unless the group already has a rule for the same traffic; returns the group. */
    public SecurityGroup ensureSecurityGroupRule(String zone, String securityGroupId, SecurityGroupRule rule) {
        rule.validate();
        SecurityGroup group = getSecurityGroup(zone, securityGroupId).orElseThrow(() -> OnrampException.notFound(
                "Exoscale security group " + securityGroupId + " does not exist"));
        if (group.rules().stream().anyMatch(r -> r.sameTrafficAs(rule))) {
            return group;
        }
        poller.await(zone, addSecurityGroupRule(zone, securityGroupId, rule));
        return getSecurityGroup(zone, securityGroupId).orElse(group);
    }

    // ============================================================================================ operations

    /** {@code GET /operation/{id}} (retried). */
    public Operation getOperation(String zone, String operationId) {
        return read(transport.get(zone(zone), "/operation/" + id(operationId), null), Operation.class);
    }

    /** Waits for an operation just received from a change; see {@link OperationPoller}. */
    public Operation awaitOperation(String zone, Operation operation) {
        return poller.await(zone(zone), operation);
    }

    /** Waits for an operation known by id; see {@link OperationPoller}. */
    public Operation awaitOperation(String zone, String operationId) {
        return poller.await(zone(zone), id(operationId));
    }

    private Operation fetchOperationOnce(String zone, String operationId) {
        return read(transport.call(zone, "GET", "/operation/" + id(operationId), null, null,
                ExoscaleTransport.Retry.NEVER), Operation.class);
    }

    // ============================================================================================ helpers

    private static String zone(String zone) {
        return ExoscaleEndpoint.requireZone(zone);
    }

    private static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw OnrampException.badInput("'" + id + "' is not a valid Exoscale id");
        }
        return id;
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw OnrampException.internal("Could not serialise an Exoscale request");
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw OnrampException.unavailable("Exoscale answered with an unexpected " + type.getSimpleName());
        }
    }

    private <T> List<T> readList(JsonNode node, Class<T> type) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (JsonNode item : node) {
            out.add(read(item, type));
        }
        return List.copyOf(out);
    }

    /** Per-workspace locks currently held or waited for (for tests: must drop back to 0). */
    int workspaceLocksInUse() {
        return workspaceLocks.size();
    }

    @Override
    public String toString() {
        return "ExoscaleClient[" + transport.endpoint() + "]";
    }
}
