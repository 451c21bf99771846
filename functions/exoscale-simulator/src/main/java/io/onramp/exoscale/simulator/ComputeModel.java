package io.onramp.exoscale.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated API's state and semantics: catalog (templates, instance types), instances per zone with their
 * state machine, asynchronous operations, security groups (global, not per zone) and rules. Every public entry
 * point is synchronized on this object; the HTTP layer is in {@link ExoscaleSimulator}.
 *
 * <p>State machine: create -> {@code starting} -> {@code running}; {@code :stop} -> {@code stopping} ->
 * {@code stopped}; {@code :start} -> {@code starting} -> {@code running}; delete -> {@code destroying} -> gone (404).
 * A transition ends, together with its operation, when the operation has been polled {@code pollsToComplete}
 * times or when {@code transitionTime} has passed on the simulated clock, whichever comes first. A failed
 * operation rolls back (a failed create removes the instance; a failed start/stop/delete restores the old state).
 *
 * <p>Choices where Exoscale documents nothing: {@code :start} on a non-stopped and {@code :stop} on a non-running
 * instance answer 409, as does a delete of an instance in a transitional state; instance names need not be unique
 * (so a duplicate create shows up as a second instance); the {@code labels} query parameter of
 * {@code GET /instance} is ignored; SSH key names are not checked against registered keys.
 */
final class ComputeModel {

    static final List<String> ZONES =
            List.of("at-vie-1", "at-vie-2", "bg-sof-1", "ch-dk-2", "ch-gva-2", "de-fra-1", "de-muc-1", "hr-zag-1");

    /** An error answer of the API: status plus {@code {"message": ...}}. */
    static final class ApiError extends RuntimeException {
        final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    record Response(int status, JsonNode body) {
    }

    private record TemplateDef(String name, String family, String version, String build, String defaultUser,
            String bootMode, Instant createdAt, long size) {
    }

    private record TypeDef(String id, String family, String size, int cpus, long memory) {
        String name() {
            return family + "." + size;
        }
    }

    private static final List<TemplateDef> TEMPLATES = List.of(
            new TemplateDef("Linux Ubuntu 22.04 LTS 64-bit", "ubuntu", "22.04", "2024-01-10-abc123", "ubuntu",
                    "legacy", Instant.parse("2024-01-10T10:00:00Z"), 10_737_418_240L),
            new TemplateDef("Linux Ubuntu 22.04 LTS 64-bit", "ubuntu", "22.04", "2024-06-15-def456", "ubuntu",
                    "legacy", Instant.parse("2024-06-15T10:00:00Z"), 10_737_418_240L),
            new TemplateDef("Linux Ubuntu 24.04 LTS 64-bit", "ubuntu", "24.04", "2024-07-01-0a1b2c", "ubuntu",
                    "uefi", Instant.parse("2024-07-01T08:30:00Z"), 10_737_418_240L),
            new TemplateDef("Linux Debian 12 (Bookworm) 64-bit", "debian", "12", "2024-05-01-9f8e7d", "debian",
                    "legacy", Instant.parse("2024-05-01T12:00:00Z"), 10_737_418_240L));

    private static final List<TypeDef> TYPES;

    static {
        List<TypeDef> types = new ArrayList<>();
        String[][] standard = {{"micro", "1", "536870912"}, {"tiny", "1", "1073741824"}, {"small", "2", "2147483648"},
            {"medium", "2", "4294967296"}, {"large", "4", "8589934592"}, {"extra-large", "4", "17179869184"},
            {"huge", "8", "34359738368"}};
        for (String[] s : standard) {
            types.add(type("standard", s[0], Integer.parseInt(s[1]), Long.parseLong(s[2])));
        }
        types.add(type("cpu", "extra-large", 16, 17179869184L));
        types.add(type("cpu", "huge", 32, 34359738368L));
        types.add(type("memory", "extra-large", 2, 34359738368L));
        types.add(type("memory", "huge", 4, 68719476736L));
        TYPES = List.copyOf(types);
    }

    private static TypeDef type(String family, String size, int cpus, long memory) {
        return new TypeDef(nameUuid("instance-type:" + family + "." + size), family, size, cpus, memory);
    }

    private static String nameUuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static final class Operation {
        final String id;
        final String zone;
        String state = "pending";
        String reason;
        String message;
        final String refId;
        final String refKind;
        int polls;
        final Instant readyAt;
        final boolean stalled;
        final boolean fails;
        final Runnable onSuccess;
        final Runnable onFailure;

        Operation(String id, String zone, String refId, String refKind, Instant readyAt, boolean stalled,
                boolean fails, Runnable onSuccess, Runnable onFailure) {
            this.id = id;
            this.zone = zone;
            this.refId = refId;
            this.refKind = refKind;
            this.readyAt = readyAt;
            this.stalled = stalled;
            this.fails = fails;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }
    }

    private static final class Instance {
        String id;
        String zone;
        String name;
        String state;
        Map<String, String> labels = new LinkedHashMap<>();
        TypeDef type;
        String templateId;
        long diskSize;
        String publicIp;
        String publicIpAssignment;
        List<String> securityGroupIds = new ArrayList<>();
        List<String> sshKeys = new ArrayList<>();
        String userData;
        Instant createdAt;
        String macAddress;
    }

    private static final class Group {
        String id;
        String name;
        String description;
        final List<ObjectNode> rules = new ArrayList<>();
    }

    private final ObjectMapper mapper;
    private final SimulatedClock clock;
    private final FaultPlan faults;
    private final SchemaValidator validator;
    private final long seed;
    private Random random;
    private int pollsToComplete;
    private Duration transitionTime;
    private final Map<String, Map<String, Instance>> instances = new HashMap<>();
    private final Map<String, Map<String, Operation>> operations = new HashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private int nextIp;

    ComputeModel(ObjectMapper mapper, SimulatedClock clock, FaultPlan faults, SchemaValidator validator, long seed,
            int pollsToComplete, Duration transitionTime) {
        this.mapper = mapper;
        this.clock = clock;
        this.faults = faults;
        this.validator = validator;
        this.seed = seed;
        this.pollsToComplete = pollsToComplete;
        this.transitionTime = transitionTime;
        reset();
    }

    synchronized void reset() {
        instances.clear();
        operations.clear();
        groups.clear();
        random = new Random(seed);
        nextIp = 10;
    }

    synchronized void setPollsToComplete(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("at least one poll");
        }
        this.pollsToComplete = polls;
    }

    synchronized void setTransitionTime(Duration time) {
        this.transitionTime = time;
    }

    // ---------------------------------------------------------------------------------------------- snapshots

    synchronized List<SimulatedInstance> instances(String zone) {
        settle();
        List<SimulatedInstance> out = new ArrayList<>();
        for (Instance i : zoneInstances(zone).values()) {
            out.add(snapshot(i));
        }
        return out;
    }

    synchronized Optional<SimulatedInstance> instance(String zone, String id) {
        settle();
        return Optional.ofNullable(zoneInstances(zone).get(id)).map(this::snapshot);
    }

    synchronized List<SimulatedSecurityGroup> securityGroups() {
        List<SimulatedSecurityGroup> out = new ArrayList<>();
        for (Group g : groups.values()) {
            List<String> rules = new ArrayList<>();
            for (ObjectNode r : g.rules) {
                rules.add(r.toString());
            }
            out.add(new SimulatedSecurityGroup(g.id, g.name, g.description, List.copyOf(rules)));
        }
        return out;
    }

    /** Advances transitions whose time has come; called by the simulator after moving the clock. */
    synchronized void tick() {
        settle();
    }

    private SimulatedInstance snapshot(Instance i) {
        return new SimulatedInstance(i.id, i.zone, i.name, i.state, Map.copyOf(i.labels), i.type.id(),
                i.type.name(), i.templateId, i.diskSize, i.publicIp, i.publicIpAssignment,
                List.copyOf(i.securityGroupIds), List.copyOf(i.sshKeys), i.userData, i.createdAt);
    }

    // ---------------------------------------------------------------------------------------------- routing

    /** Handles one authenticated request; {@code segments} is the decoded path below {@code /v2}. */
    synchronized Response handle(String zone, String method, List<String> segments, Map<String, List<String>> query,
            byte[] body) {
        settle();
        String head = segments.isEmpty() ? "" : segments.get(0);
        int n = segments.size();
        switch (head) {
            case "zone" -> {
                if (n == 1 && method.equals("GET")) {
                    return ok(zones());
                }
            }
            case "template" -> {
                if (method.equals("GET") && n == 1) {
                    List<String> visibility = query.getOrDefault("visibility", List.of());
                    if (visibility.size() > 1 || (visibility.size() == 1
                            && !List.of("public", "private").contains(visibility.get(0)))) {
                        throw new ApiError(400, "Invalid request: visibility: must be one of [\"private\",\"public\"]");
                    }
                    return ok(templates(zone, visibility.isEmpty() ? null : visibility.get(0)));
                }
                if (method.equals("GET") && n == 2) {
                    return ok(template(zone, segments.get(1)));
                }
            }
            case "instance-type" -> {
                if (method.equals("GET") && n == 1) {
                    ArrayNode list = mapper.createArrayNode();
                    TYPES.forEach(t -> list.add(typeJson(t)));
                    return ok(mapper.createObjectNode().set("instance-types", list));
                }
                if (method.equals("GET") && n == 2) {
                    return ok(typeJson(TYPES.stream().filter(t -> t.id().equals(segments.get(1))).findFirst()
                            .orElseThrow(() -> new ApiError(404, "Instance type not found"))));
                }
            }
            case "instance" -> {
                if (n == 1 && method.equals("GET")) {
                    ArrayNode list = mapper.createArrayNode();
                    zoneInstances(zone).values().forEach(i -> list.add(instanceJson(i)));
                    return ok(mapper.createObjectNode().set("instances", list));
                }
                if (n == 1 && method.equals("POST")) {
                    return ok(createInstance(zone, parse(body, "create-instance")));
                }
                if (n == 2) {
                    String[] idAction = segments.get(1).split(":", 2);
                    String id = idAction[0];
                    String action = idAction.length > 1 ? idAction[1] : null;
                    if (action == null && method.equals("GET")) {
                        return ok(instanceJson(requireInstance(zone, id)));
                    }
                    if (action == null && method.equals("DELETE")) {
                        return ok(deleteInstance(zone, id));
                    }
                    if ("start".equals(action) && method.equals("PUT")) {
                        parse(body, "start-instance");
                        return ok(transition(zone, id, "stopped", "starting", "running"));
                    }
                    if ("stop".equals(action) && method.equals("PUT")) {
                        return ok(transition(zone, id, "running", "stopping", "stopped"));
                    }
                    if ("reboot".equals(action) && method.equals("PUT")) {
                        return ok(transition(zone, id, "running", "starting", "running"));
                    }
                }
            }
            case "operation" -> {
                if (n == 2 && method.equals("GET")) {
                    return ok(pollOperation(zone, segments.get(1)));
                }
            }
            case "security-group" -> {
                if (n == 1 && method.equals("GET")) {
                    ArrayNode list = mapper.createArrayNode();
                    groups.values().forEach(g -> list.add(groupJson(g)));
                    return ok(mapper.createObjectNode().set("security-groups", list));
                }
                if (n == 1 && method.equals("POST")) {
                    return ok(createGroup(zone, parse(body, "create-security-group")));
                }
                if (n == 2 && method.equals("GET")) {
                    return ok(groupJson(requireGroup(segments.get(1))));
                }
                if (n == 2 && method.equals("DELETE")) {
                    return ok(deleteGroup(zone, segments.get(1)));
                }
                if (n == 3 && method.equals("POST") && segments.get(2).equals("rules")) {
                    return ok(addRule(zone, segments.get(1), parse(body, "add-rule-to-security-group")));
                }
                if (n == 4 && method.equals("DELETE") && segments.get(2).equals("rules")) {
                    return ok(deleteRule(zone, segments.get(1), segments.get(3)));
                }
            }
            default -> { /* fall through to 404 */ }
        }
        throw new ApiError(404, "Not found");
    }

    private static Response ok(JsonNode body) {
        return new Response(200, body);
    }

    private JsonNode parse(byte[] body, String operationId) {
        if (body == null || body.length == 0) {
            throw new ApiError(400, "Request body is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new ApiError(400, "Request body is not valid JSON");
        }
        if (node == null) {
            throw new ApiError(400, "Request body is required");
        }
        List<String> violations = validator.validateRequest(operationId, node);
        if (!violations.isEmpty()) {
            throw new ApiError(400, "Invalid request: " + String.join("; ", violations));
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------- catalog

    JsonNode zones() {
        ArrayNode list = mapper.createArrayNode();
        for (String z : ZONES) {
            list.add(mapper.createObjectNode().put("name", z)
                    .put("api-endpoint", "https://api-" + z + ".exoscale.com/v2")
                    .put("sos-endpoint", "https://sos-" + z + ".exo.io"));
        }
        return mapper.createObjectNode().set("zones", list);
    }

    private static String templateId(String zone, TemplateDef t) {
        return nameUuid("template:" + zone + ":" + t.name() + ":" + t.createdAt());
    }

    private JsonNode templates(String zone, String visibility) {
        ArrayNode list = mapper.createArrayNode();
        if (visibility == null || visibility.equals("public")) {
            TEMPLATES.forEach(t -> list.add(templateJson(zone, t)));
        }
        return mapper.createObjectNode().set("templates", list);
    }

    private JsonNode template(String zone, String id) {
        return TEMPLATES.stream().filter(t -> templateId(zone, t).equals(id)).findFirst()
                .map(t -> templateJson(zone, t)).orElseThrow(() -> new ApiError(404, "Template not found"));
    }

    private ObjectNode templateJson(String zone, TemplateDef t) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", templateId(zone, t)).put("name", t.name()).put("family", t.family()).put("version", t.version())
                .put("build", t.build()).put("default-user", t.defaultUser()).put("boot-mode", t.bootMode())
                .put("visibility", "public").put("created-at", t.createdAt().toString()).put("size", t.size())
                .put("ssh-key-enabled", true).put("password-enabled", true).put("maintainer", "Exoscale");
        n.putArray("zones").add(zone);
        return n;
    }

    private ObjectNode typeJson(TypeDef t) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", t.id()).put("family", t.family()).put("size", t.size()).put("cpus", t.cpus())
                .put("memory", t.memory()).put("authorized", true);
        ArrayNode zones = n.putArray("zones");
        ZONES.forEach(zones::add);
        return n;
    }

    // ---------------------------------------------------------------------------------------------- instances

    private Map<String, Instance> zoneInstances(String zone) {
        return instances.computeIfAbsent(zone, z -> new LinkedHashMap<>());
    }

    private Instance requireInstance(String zone, String id) {
        Instance i = zoneInstances(zone).get(id);
        if (i == null) {
            throw new ApiError(404, "Instance not found");
        }
        return i;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 8; k++) {
            hi = (hi << 8) | (b[k] & 0xff);
            lo = (lo << 8) | (b[k + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    /**
     * Addresses from 198.18.0.0/15 (RFC 2544, benchmarking; not routed on the internet): Onramp probes a running VM's
     * public IP (the idle check), and simulated VMs must not send it to real hosts.
     */
    private String allocateIp() {
        while (nextIp % 256 == 0 || nextIp % 256 == 255) {
            nextIp++;
        }
        int n = nextIp++;
        return "198.18." + ((n / 256) % 256) + "." + (n % 256);
    }

    private JsonNode createInstance(String zone, JsonNode body) {
        String typeId = body.path("instance-type").path("id").asText(null);
        TypeDef type = TYPES.stream().filter(t -> t.id().equals(typeId)).findFirst()
                .orElseThrow(() -> new ApiError(400, "Invalid request: instance-type: not found"));
        String templateId = body.path("template").path("id").asText(null);
        if (TEMPLATES.stream().noneMatch(t -> templateId(zone, t).equals(templateId))) {
            throw new ApiError(400, "Invalid request: template: not found in zone " + zone);
        }
        List<String> groupIds = new ArrayList<>();
        for (JsonNode g : body.path("security-groups")) {
            String gid = g.path("id").asText(null);
            if (gid == null || !groups.containsKey(gid)) {
                throw new ApiError(400, "Invalid request: security-groups: security group not found");
            }
            groupIds.add(gid);
        }
        Instance i = new Instance();
        i.id = newId();
        i.zone = zone;
        i.name = body.path("name").asText("vm-" + i.id.substring(0, 8));
        i.type = type;
        i.templateId = templateId;
        i.diskSize = body.path("disk-size").asLong();
        i.publicIpAssignment = body.path("public-ip-assignment").asText("inet4");
        i.publicIp = i.publicIpAssignment.equals("none") ? null : allocateIp();
        i.securityGroupIds = groupIds;
        for (JsonNode k : body.path("ssh-keys")) {
            i.sshKeys.add(k.path("name").asText());
        }
        if (body.has("ssh-key") && body.get("ssh-key").has("name")) {
            i.sshKeys.add(body.get("ssh-key").get("name").asText());
        }
        i.userData = body.hasNonNull("user-data") ? body.get("user-data").asText() : null;
        body.path("labels").fields().forEachRemaining(e -> i.labels.put(e.getKey(), e.getValue().asText()));
        i.createdAt = clock.instant();
        byte[] mac = new byte[5];
        random.nextBytes(mac);
        i.macAddress = String.format("06:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4]);
        boolean autoStart = body.path("auto-start").asBoolean(true);
        i.state = autoStart ? "starting" : "stopped";
        String target = autoStart ? "running" : "stopped";
        zoneInstances(zone).put(i.id, i);
        return operationJson(startOperation(zone, i.id, "instance",
                () -> i.state = target,
                () -> zoneInstances(zone).remove(i.id)));
    }

    private JsonNode transition(String zone, String id, String from, String during, String to) {
        Instance i = requireInstance(zone, id);
        if (!i.state.equals(from)) {
            throw new ApiError(409, "Instance is " + i.state + ", expected " + from);
        }
        String previous = i.state;
        i.state = during;
        return operationJson(startOperation(zone, id, "instance", () -> i.state = to, () -> i.state = previous));
    }

    private JsonNode deleteInstance(String zone, String id) {
        Instance i = requireInstance(zone, id);
        if (!List.of("running", "stopped", "error").contains(i.state)) {
            throw new ApiError(409, "Instance is " + i.state + ", cannot delete it now");
        }
        String previous = i.state;
        i.state = "destroying";
        return operationJson(startOperation(zone, id, "instance",
                () -> zoneInstances(zone).remove(id), () -> i.state = previous));
    }

    private ObjectNode instanceJson(Instance i) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", i.id).put("name", i.name).put("state", i.state).put("created-at", i.createdAt.toString());
        n.set("instance-type", typeJson(i.type));
        TemplateDef t = TEMPLATES.stream().filter(d -> templateId(i.zone, d).equals(i.templateId)).findFirst()
                .orElseThrow();
        n.set("template", mapper.createObjectNode().put("id", i.templateId).put("name", t.name()));
        n.put("disk-size", i.diskSize);
        if (i.publicIp != null) {
            n.put("public-ip", i.publicIp);
        }
        n.put("public-ip-assignment", i.publicIpAssignment).put("mac-address", i.macAddress);
        ArrayNode sgs = n.putArray("security-groups");
        i.securityGroupIds.forEach(g -> sgs.add(mapper.createObjectNode().put("id", g)));
        ArrayNode keys = n.putArray("ssh-keys");
        i.sshKeys.forEach(k -> keys.add(mapper.createObjectNode().put("name", k)
                .put("fingerprint", nameUuid("ssh:" + k).replace("-", ""))));
        if (i.userData != null) {
            n.put("user-data", i.userData);
        }
        ObjectNode labels = n.putObject("labels");
        i.labels.forEach(labels::put);
        return n;
    }

    // ---------------------------------------------------------------------------------------------- operations

    private Operation startOperation(String zone, String refId, String refKind, Runnable onSuccess,
            Runnable onFailure) {
        Operation op = new Operation(newId(), zone, refId, refKind, clock.instant().plus(transitionTime),
                faults.takeOperationStall(), faults.takeOperationFailure(), onSuccess, onFailure);
        operations.computeIfAbsent(zone, z -> new LinkedHashMap<>()).put(op.id, op);
        return op;
    }

    private JsonNode pollOperation(String zone, String id) {
        Operation op = operations.getOrDefault(zone, Map.of()).get(id);
        if (op == null) {
            throw new ApiError(404, "Operation not found");
        }
        op.polls++;
        if (op.state.equals("pending") && !op.stalled && op.polls >= pollsToComplete) {
            complete(op);
        }
        return operationJson(op);
    }

    private void settle() {
        Instant now = clock.instant();
        for (Map<String, Operation> zoneOps : operations.values()) {
            for (Operation op : zoneOps.values()) {
                if (op.state.equals("pending") && !op.stalled && !now.isBefore(op.readyAt)) {
                    complete(op);
                }
            }
        }
    }

    private void complete(Operation op) {
        if (op.fails) {
            op.state = "failure";
            op.reason = "fault";
            op.message = "Simulated failure of the operation";
            op.onFailure.run();
        } else {
            op.state = "success";
            op.onSuccess.run();
        }
    }

    private ObjectNode operationJson(Operation op) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", op.id).put("state", op.state);
        if (op.reason != null) {
            n.put("reason", op.reason);
        }
        if (op.message != null) {
            n.put("message", op.message);
        }
        n.set("reference", mapper.createObjectNode().put("id", op.refId)
                .put("link", "/v2/" + op.refKind + "/" + op.refId).put("command", "get-" + op.refKind));
        return n;
    }

    // ---------------------------------------------------------------------------------------------- security groups

    private Group requireGroup(String id) {
        Group g = groups.get(id);
        if (g == null) {
            throw new ApiError(404, "Security group not found");
        }
        return g;
    }

    private JsonNode createGroup(String zone, JsonNode body) {
        String name = body.get("name").asText();
        if (groups.values().stream().anyMatch(g -> g.name.equals(name))) {
            throw new ApiError(409, "A security group named " + name + " already exists");
        }
        Group g = new Group();
        g.id = newId();
        g.name = name;
        g.description = body.hasNonNull("description") ? body.get("description").asText() : null;
        groups.put(g.id, g);
        return operationJson(startOperation(zone, g.id, "security-group", () -> { }, () -> groups.remove(g.id)));
    }

    private JsonNode deleteGroup(String zone, String id) {
        Group g = requireGroup(id);
        for (Map<String, Instance> zi : instances.values()) {
            for (Instance i : zi.values()) {
                if (i.securityGroupIds.contains(id)) {
                    throw new ApiError(409, "Security group is in use");
                }
            }
        }
        groups.remove(id);
        return operationJson(startOperation(zone, id, "security-group", () -> { }, () -> groups.put(id, g)));
    }

    private JsonNode addRule(String zone, String groupId, JsonNode body) {
        Group g = requireGroup(groupId);
        boolean hasNetwork = body.hasNonNull("network");
        boolean hasGroup = body.hasNonNull("security-group");
        if (hasNetwork && hasGroup) {
            throw new ApiError(400, "Invalid request: network and security-group are mutually exclusive");
        }
        if (hasNetwork && !body.get("network").asText().matches("[0-9a-fA-F:.]+/\\d{1,3}")) {
            throw new ApiError(400, "Invalid request: network: must be a CIDR");
        }
        if (body.has("start-port") && body.has("end-port")
                && body.get("start-port").asInt() > body.get("end-port").asInt()) {
            throw new ApiError(400, "Invalid request: start-port must not exceed end-port");
        }
        if (hasGroup) {
            JsonNode ref = body.get("security-group");
            if (ref.has("id") && !groups.containsKey(ref.get("id").asText())) {
                throw new ApiError(400, "Invalid request: security-group: not found");
            }
        }
        ObjectNode rule = ((ObjectNode) body).deepCopy();
        String ruleId = newId();
        rule.put("id", ruleId);
        g.rules.add(rule);
        return operationJson(startOperation(zone, groupId, "security-group", () -> { },
                () -> g.rules.removeIf(r -> r.path("id").asText().equals(ruleId))));
    }

    private JsonNode deleteRule(String zone, String groupId, String ruleId) {
        Group g = requireGroup(groupId);
        Iterator<ObjectNode> it = g.rules.iterator();
        while (it.hasNext()) {
            ObjectNode r = it.next();
            if (r.path("id").asText().equals(ruleId)) {
                it.remove();
                return operationJson(startOperation(zone, groupId, "security-group", () -> { }, () -> g.rules.add(r)));
            }
        }
        throw new ApiError(404, "Security group rule not found");
    }

    private ObjectNode groupJson(Group g) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", g.id).put("name", g.name);
        if (g.description != null) {
            n.put("description", g.description);
        }
        ArrayNode rules = n.putArray("rules");
        g.rules.forEach(rules::add);
        return n;
    }
}
