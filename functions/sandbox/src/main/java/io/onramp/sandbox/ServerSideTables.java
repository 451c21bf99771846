package io.onramp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Server-side printing: when kubectl asks for {@code as=Table}, lists and objects are answered as
 * {@code meta.k8s.io/v1 Table} with the columns kubectl users know (READY, STATUS, RESTARTS, AGE for pods, and so
 * on). Kinds without their own columns get NAME and AGE, like custom resources on a real server.
 */
final class ServerSideTables {

  private record Column(String name, String type, String format, int priority, String description,
      Function<JsonNode, Object> cell) {
  }

  private ServerSideTables() {
  }

  static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** Converts a JSON list or object response of the store into a Table response. */
  static MockResponse toTable(MockResponse response, ResourcePath path, boolean includeFullObject) {
    JsonNode body = Json.parse(CrudStore.body(response));
    List<JsonNode> items = new ArrayList<>();
    String resourceVersion;
    if ("List".equals(Json.text(body, "kind")) || body.has("items")) {
      body.path("items").forEach(items::add);
      resourceVersion = Json.text(body, "metadata", "resourceVersion");
    } else {
      items.add(body);
      resourceVersion = Json.text(body, "metadata", "resourceVersion");
    }
    List<Column> columns = columnsFor(path.group(), path.plural());
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode definition = definitions.addObject();
      definition.put("name", column.name());
      definition.put("type", column.type());
      definition.put("format", column.format());
      definition.put("description", column.description());
      definition.put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column column : columns) {
        Object value;
        try {
          value = column.cell().apply(item);
        } catch (RuntimeException e) {
          value = "<unknown>";
        }
        if (value instanceof Integer i) {
          cells.add(i);
        } else if (value instanceof Long l) {
          cells.add(l);
        } else {
          cells.add(value == null ? "<none>" : value.toString());
        }
      }
      if (includeFullObject) {
        row.set("object", item.deepCopy());
      } else {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", item.path("metadata").deepCopy());
      }
    }
    return ApiResponses.json(200, table);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Columns per kind

  private static List<Column> columnsFor(String group, String plural) {
    List<Column> c = new ArrayList<>();
    c.add(new Column("Name", "string", "name", 0, "Name must be unique within a namespace.",
        o -> Json.text(o, "metadata", "name")));
    String key = group.isEmpty() ? plural : group + "/" + plural;
    switch (key) {
      case "pods" -> {
        c.add(col("Ready", "The aggregate readiness state of this pod for accepting traffic.", ServerSideTables::podReady));
        c.add(col("Status", "The aggregate status of the containers in this pod.", ServerSideTables::podStatus));
        c.add(new Column("Restarts", "string", "", 0, "The number of times the containers in this pod have been "
            + "restarted.", ServerSideTables::podRestarts));
        c.add(age());
        c.add(wide("IP", "The IP address assigned to the pod.", o -> Json.text(o, "status", "podIP")));
        c.add(wide("Node", "The name of the node the pod is assigned to.", o -> Json.text(o, "spec", "nodeName")));
        c.add(wide("Nominated Node", "The node the pod is nominated to.", o -> Json.text(o, "status",
            "nominatedNodeName")));
        c.add(wide("Readiness Gates", "The readiness gates of the pod.", o -> o.path("spec").path("readinessGates")
            .isEmpty() ? null : o.path("spec").path("readinessGates").size() + ""));
      }
      case "apps/deployments" -> {
        c.add(col("Ready", "Number of the pod with ready state.", o -> intOf(o, "status", "readyReplicas") + "/"
            + replicas(o)));
        c.add(new Column("Up-to-date", "integer", "", 0, "Total number of non-terminated pods targeted by this "
            + "deployment that have the desired template spec.", o -> intOf(o, "status", "updatedReplicas")));
        c.add(new Column("Available", "integer", "", 0, "Total number of available pods.",
            o -> intOf(o, "status", "availableReplicas")));
        c.add(age());
        containersImagesSelector(c);
      }
      case "apps/replicasets" -> {
        c.add(new Column("Desired", "integer", "", 0, "Number of desired pods.", ServerSideTables::replicas));
        c.add(new Column("Current", "integer", "", 0, "Number of actually running pods.",
            o -> intOf(o, "status", "replicas")));
        c.add(new Column("Ready", "integer", "", 0, "Number of ready pods.", o -> intOf(o, "status",
            "readyReplicas")));
        c.add(age());
        containersImagesSelector(c);
      }
      case "apps/statefulsets" -> {
        c.add(col("Ready", "Number of the pod with ready state.", o -> intOf(o, "status", "readyReplicas") + "/"
            + replicas(o)));
        c.add(age());
        c.add(wide("Containers", "Names of each container in the template.", ServerSideTables::containerNames));
        c.add(wide("Images", "Images referenced by each container in the template.", ServerSideTables::images));
      }
      case "apps/daemonsets" -> {
        c.add(new Column("Desired", "integer", "", 0, "The desired number of nodes.",
            o -> intOf(o, "status", "desiredNumberScheduled")));
        c.add(new Column("Current", "integer", "", 0, "The number of nodes running the daemon pod.",
            o -> intOf(o, "status", "currentNumberScheduled")));
        c.add(new Column("Ready", "integer", "", 0, "The number of nodes with a ready daemon pod.",
            o -> intOf(o, "status", "numberReady")));
        c.add(new Column("Up-to-date", "integer", "", 0, "The number of nodes running the updated daemon pod.",
            o -> intOf(o, "status", "updatedNumberScheduled")));
        c.add(new Column("Available", "integer", "", 0, "The number of nodes with an available daemon pod.",
            o -> intOf(o, "status", "numberAvailable")));
        c.add(col("Node Selector", "The node selector of the pod template.", o -> labelMap(o.path("spec")
            .path("template").path("spec").path("nodeSelector"))));
        c.add(age());
        containersImagesSelector(c);
      }
      case "batch/jobs" -> {
        c.add(col("Status", "Status of the job.", ServerSideTables::jobStatus));
        c.add(col("Completions", "The completed job pods out of the desired completions.",
            o -> intOf(o, "status", "succeeded") + "/" + o.path("spec").path("completions").asInt(1)));
        c.add(col("Duration", "Time the job took to complete.", ServerSideTables::jobDuration));
        c.add(age());
        containersImagesSelector(c);
      }
      case "batch/cronjobs" -> {
        c.add(col("Schedule", "The schedule of the cron job.", o -> Json.text(o, "spec", "schedule")));
        c.add(col("Timezone", "The time zone of the schedule.", o -> Json.text(o, "spec", "timeZone")));
        c.add(col("Suspend", "Whether the cron job is suspended.", o -> Boolean.toString(o.path("spec")
            .path("suspend").asBoolean(false)) .replace("true", "True").replace("false", "False")));
        c.add(new Column("Active", "integer", "", 0, "Number of active jobs.",
            o -> o.path("status").path("active").size()));
        c.add(col("Last Schedule", "When the last job was scheduled.", o -> since(Json.text(o, "status",
            "lastScheduleTime"))));
        c.add(age());
      }
      case "services" -> {
        c.add(col("Type", "The type of the service.", o -> textOr(o.path("spec").path("type"), "ClusterIP")));
        c.add(col("Cluster-IP", "The cluster IP of the service.", o -> Json.text(o, "spec", "clusterIP")));
        c.add(col("External-IP", "External IPs of the service.", ServerSideTables::externalIps));
        c.add(col("Port(s)", "Ports of the service.", ServerSideTables::servicePorts));
        c.add(age());
        c.add(wide("Selector", "The pod selector of the service.", o -> labelMap(o.path("spec").path("selector"))));
      }
      case "endpoints" -> {
        c.add(col("Endpoints", "Endpoint addresses.", ServerSideTables::endpoints));
        c.add(age());
      }
      case "namespaces" -> {
        c.add(col("Status", "The status of the namespace.", o -> o.path("metadata").has("deletionTimestamp")
            ? "Terminating" : textOr(o.path("status").path("phase"), "Active")));
        c.add(age());
      }
      case "nodes" -> {
        c.add(col("Status", "The status of the node.", ServerSideTables::nodeStatus));
        c.add(col("Roles", "The roles of the node.", ServerSideTables::nodeRoles));
        c.add(age());
        c.add(col("Version", "Kubelet version.", o -> Json.text(o, "status", "nodeInfo", "kubeletVersion")));
      }
      case "persistentvolumeclaims" -> {
        c.add(col("Status", "The phase of the claim.", o -> textOr(o.path("status").path("phase"), "Pending")));
        c.add(col("Volume", "The bound volume.", o -> textOr(o.path("spec").path("volumeName"), "")));
        c.add(col("Capacity", "The capacity of the bound volume.", o -> textOr(o.path("status").path("capacity")
            .path("storage"), "")));
        c.add(col("Access Modes", "Access modes of the volume.", o -> accessModes(o.path("status")
            .path("accessModes"))));
        c.add(col("StorageClass", "The storage class.", o -> textOr(o.path("spec").path("storageClassName"),
            "<unset>")));
        c.add(col("VolumeAttributesClass", "The volume attributes class.", o -> textOr(o.path("spec")
            .path("volumeAttributesClassName"), "<unset>")));
        c.add(age());
      }
      case "persistentvolumes" -> {
        c.add(col("Capacity", "The capacity of the volume.", o -> Json.text(o, "spec", "capacity", "storage")));
        c.add(col("Access Modes", "Access modes of the volume.", o -> accessModes(o.path("spec")
            .path("accessModes"))));
        c.add(col("Reclaim Policy", "What happens when the claim is released.", o -> textOr(o.path("spec")
            .path("persistentVolumeReclaimPolicy"), "Retain")));
        c.add(col("Status", "The phase of the volume.", o -> textOr(o.path("status").path("phase"), "Available")));
        c.add(col("Claim", "The bound claim.", o -> o.path("spec").has("claimRef") ? Json.text(o, "spec",
            "claimRef", "namespace") + "/" + Json.text(o, "spec", "claimRef", "name") : ""));
        c.add(col("StorageClass", "The storage class.", o -> textOr(o.path("spec").path("storageClassName"), "")));
        c.add(col("VolumeAttributesClass", "The volume attributes class.", o -> textOr(o.path("spec")
            .path("volumeAttributesClassName"), "<unset>")));
        c.add(col("Reason", "Reason of the phase.", o -> textOr(o.path("status").path("reason"), "")));
        c.add(age());
      }
      case "configmaps" -> {
        c.add(new Column("Data", "integer", "", 0, "Number of data entries.",
            o -> o.path("data").size() + o.path("binaryData").size()));
        c.add(age());
      }
      case "secrets" -> {
        c.add(col("Type", "The type of the secret.", o -> textOr(o.path("type"), "Opaque")));
        c.add(new Column("Data", "integer", "", 0, "Number of data entries.",
            o -> o.path("data").size() + o.path("stringData").size()));
        c.add(age());
      }
      case "serviceaccounts" -> {
        c.add(new Column("Secrets", "integer", "", 0, "Number of secrets.", o -> o.path("secrets").size()));
        c.add(age());
      }
      case "networking.k8s.io/ingresses" -> {
        c.add(col("Class", "The ingress class.", o -> textOr(o.path("spec").path("ingressClassName"), "<none>")));
        c.add(col("Hosts", "Hosts of the rules.", ServerSideTables::ingressHosts));
        c.add(col("Address", "Load balancer addresses.", o -> textOr(o.path("status").path("loadBalancer")
            .path("ingress").path(0).path("ip"), "")));
        c.add(col("Ports", "Ports of the ingress.", o -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"));
        c.add(age());
      }
      case "networking.k8s.io/networkpolicies" -> {
        c.add(col("Pod-Selector", "The pods the policy selects.", o -> {
          String s = ScaleSubresource.selectorString(o.path("spec").path("podSelector"));
          return s.isEmpty() ? "<none>" : s;
        }));
        c.add(age());
      }
      case "rbac.authorization.k8s.io/rolebindings", "rbac.authorization.k8s.io/clusterrolebindings" -> {
        c.add(col("Role", "The bound role.", o -> Json.text(o, "roleRef", "kind") + "/"
            + Json.text(o, "roleRef", "name")));
        c.add(age());
      }
      default -> c.add(age());
    }
    return c;
  }

  private static Column col(String name, String description, Function<JsonNode, Object> cell) {
    return new Column(name, "string", "", 0, description, cell);
  }

  private static Column wide(String name, String description, Function<JsonNode, Object> cell) {
    return new Column(name, "string", "", 1, description, cell);
  }

  private static Column age() {
    return new Column("Age", "string", "", 0, "CreationTimestamp is a timestamp representing the server time when "
        + "this object was created.", o -> since(Json.text(o, "metadata", "creationTimestamp")));
  }

  private static void containersImagesSelector(List<Column> c) {
    c.add(wide("Containers", "Names of each container in the template.", ServerSideTables::containerNames));
    c.add(wide("Images", "Images referenced by each container in the template.", ServerSideTables::images));
    c.add(wide("Selector", "Label selector of the pods.", o -> {
      String s = ScaleSubresource.selectorString(o.path("spec").path("selector"));
      return s.isEmpty() ? "<none>" : s;
    }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cells

  private static int replicas(JsonNode o) {
    JsonNode replicas = o.path("spec").path("replicas");
    return replicas.canConvertToInt() ? replicas.asInt() : 1;
  }

  private static int intOf(JsonNode o, String... path) {
    JsonNode current = o;
    for (String p : path) {
      current = current.path(p);
    }
    return current.asInt(0);
  }

  private static String textOr(JsonNode node, String fallback) {
    return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : fallback;
  }

  private static String podReady(JsonNode pod) {
    int containers = pod.path("spec").path("containers").size();
    int ready = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      if (status.path("ready").asBoolean(false)) {
        ready++;
      }
    }
    return ready + "/" + containers;
  }

  private static String podStatus(JsonNode pod) {
    if (pod.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    String reason = Json.text(pod, "status", "reason");
    if (reason != null && !reason.isEmpty()) {
      return reason;
    }
    String phase = textOr(pod.path("status").path("phase"), "Pending");
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      String waiting = Json.text(status, "state", "waiting", "reason");
      if (waiting != null) {
        return waiting;
      }
      String terminated = Json.text(status, "state", "terminated", "reason");
      if (terminated != null && !"Running".equals(phase)) {
        return terminated;
      }
    }
    if ("Pending".equals(phase) && pod.path("spec").path("nodeName").isMissingNode()) {
      return "Pending";
    }
    return "Succeeded".equals(phase) ? "Completed" : phase;
  }

  private static String podRestarts(JsonNode pod) {
    int restarts = 0;
    for (JsonNode status : pod.path("status").path("containerStatuses")) {
      restarts += status.path("restartCount").asInt(0);
    }
    return Integer.toString(restarts);
  }

  private static String containerNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.path("spec").path("template").path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
    if (names.isEmpty()) {
      o.path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers")
          .forEach(c -> names.add(c.path("name").asText()));
    }
    return String.join(",", names);
  }

  private static String images(JsonNode o) {
    List<String> images = new ArrayList<>();
    o.path("spec").path("template").path("spec").path("containers").forEach(c -> images.add(c.path("image")
        .asText()));
    return String.join(",", images);
  }

  private static String jobStatus(JsonNode job) {
    for (JsonNode condition : job.path("status").path("conditions")) {
      if ("True".equals(condition.path("status").asText())) {
        switch (condition.path("type").asText()) {
          case "Complete":
            return "Complete";
          case "Failed":
            return "Failed";
          case "Suspended":
            return "Suspended";
          default:
            break;
        }
      }
    }
    return job.path("spec").path("suspend").asBoolean(false) ? "Suspended" : "Running";
  }

  private static String jobDuration(JsonNode job) {
    Instant start = instant(Json.text(job, "status", "startTime"));
    if (start == null) {
      return "";
    }
    Instant end = instant(Json.text(job, "status", "completionTime"));
    return humanDuration(Duration.between(start, end == null ? Instant.now() : end));
  }

  private static String externalIps(JsonNode service) {
    Set<String> ips = new LinkedHashSet<>();
    service.path("spec").path("externalIPs").forEach(ip -> ips.add(ip.asText()));
    service.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.has("ip")
        ? i.path("ip").asText() : i.path("hostname").asText()));
    if (ips.isEmpty()) {
      String type = textOr(service.path("spec").path("type"), "ClusterIP");
      if ("LoadBalancer".equals(type)) {
        return "<pending>";
      }
      if ("ExternalName".equals(type)) {
        return textOr(service.path("spec").path("externalName"), "<none>");
      }
      return "<none>";
    }
    return String.join(",", ips);
  }

  private static String servicePorts(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.path("spec").path("ports")) {
      String p = port.path("port").asText();
      if (port.hasNonNull("nodePort")) {
        p += ":" + port.path("nodePort").asText();
      }
      ports.add(p + "/" + textOr(port.path("protocol"), "TCP"));
    }
    return ports.isEmpty() ? "<none>" : String.join(",", ports);
  }

  private static String endpoints(JsonNode endpoints) {
    List<String> list = new ArrayList<>();
    for (JsonNode subset : endpoints.path("subsets")) {
      for (JsonNode address : subset.path("addresses")) {
        if (subset.path("ports").isEmpty()) {
          list.add(address.path("ip").asText());
        }
        for (JsonNode port : subset.path("ports")) {
          list.add(address.path("ip").asText() + ":" + port.path("port").asText());
        }
      }
    }
    if (list.isEmpty()) {
      return "<none>";
    }
    if (list.size() > 3) {
      return String.join(",", list.subList(0, 3)) + " + " + (list.size() - 3) + " more...";
    }
    return String.join(",", list);
  }

  private static String nodeStatus(JsonNode node) {
    for (JsonNode condition : node.path("status").path("conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        String status = "True".equals(condition.path("status").asText()) ? "Ready" : "NotReady";
        return node.path("spec").path("unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
      }
    }
    return "Unknown";
  }

  private static String nodeRoles(JsonNode node) {
    List<String> roles = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> labels = node.path("metadata").path("labels").properties().iterator();
    while (labels.hasNext()) {
      String key = labels.next().getKey();
      if (key.startsWith("node-role.kubernetes.io/")) {
        roles.add(key.substring("node-role.kubernetes.io/".length()));
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String accessModes(JsonNode modes) {
    List<String> list = new ArrayList<>();
    for (JsonNode mode : modes) {
      list.add(switch (mode.asText()) {
        case "ReadWriteOnce" -> "RWO";
        case "ReadOnlyMany" -> "ROX";
        case "ReadWriteMany" -> "RWX";
        case "ReadWriteOncePod" -> "RWOP";
        default -> mode.asText();
      });
    }
    return String.join(",", list);
  }

  private static String ingressHosts(JsonNode ingress) {
    Set<String> hosts = new LinkedHashSet<>();
    ingress.path("spec").path("rules").forEach(r -> hosts.add(textOr(r.path("host"), "*")));
    return hosts.isEmpty() ? "*" : String.join(",", hosts);
  }

  private static String labelMap(JsonNode map) {
    List<String> parts = new ArrayList<>();
    map.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    return parts.isEmpty() ? "<none>" : String.join(",", parts);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Time

  private static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static String since(String timestamp) {
    Instant then = instant(timestamp);
    if (then == null) {
      return "<unknown>";
    }
    return humanDuration(Duration.between(then, Instant.now()));
  }

  /** kubectl's human duration: 42s, 3m12s, 45m, 5h3m, 20h, 3d4h, 120d, 2y30d, 9y. */
  static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return (hours / 24) + "d";
    }
    if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
    }
    return (hours / 24 / 365) + "y";
  }
}
