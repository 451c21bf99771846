package io.onramp.labs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a lab folder into a {@link Lab}, applying the load-time rules of content/README.md section 9: required and
 * unknown fields, id patterns and uniqueness, exam weight, task text and solution files, well-formed checks, and
 * tours ({@link TourReader}). A lab with any problem is rejected (no Lab), with every problem listed.
 */
public final class LabReader {

    /** Lab, task and check ids. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> LAB_FIELDS = Set.of("id", "version", "title", "summary", "level", "domain",
            "examWeight", "durationMinutes", "workspaceKind", "prerequisites", "tasks");
    private static final Set<String> TASK_FIELDS = Set.of("id", "title", "text", "hints", "checks");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "description", "points", "hint", "resource",
            "expect", "count", "all", "relation", "status", "access");
    private static final Set<String> RESOURCE_FIELDS = Set.of("kind", "name", "selector");
    private static final Set<String> COUNT_FIELDS = Set.of("min", "max");
    private static final Set<String> RELATION_FIELDS = Set.of("type", "name", "mountPath", "key", "env", "port", "min");
    private static final Set<String> ACCESS_FIELDS = Set.of("serviceAccount", "verb", "resource", "subresource",
            "group", "resourceName", "allowed");
    private static final Pattern VERB = Pattern.compile("[a-z]+|\\*");

    /** The outcome: the lab when it has no problem, and every problem found. */
    public record Result(Optional<Lab> lab, List<LabProblem> problems) {
    }

    private LabReader() {
    }

    public static Result read(LabFolder folder) {
        List<LabProblem> problems = new ArrayList<>();
        String labId = folder.name();
        Optional<String> yaml = folder.file(LabFolder.LAB_YAML);
        if (yaml.isEmpty()) {
            problems.add(LabProblem.lab(labId, LabFolder.LAB_YAML, "lab.yaml is missing"));
            return new Result(Optional.empty(), problems);
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml.get());
        } catch (Exception e) {
            problems.add(LabProblem.lab(labId, LabFolder.LAB_YAML, "lab.yaml is not valid YAML: "
                    + firstLine(e.getMessage())));
            return new Result(Optional.empty(), problems);
        }
        YamlFields f = new YamlFields(root, "lab", m -> LabProblem.lab(labId, LabFolder.LAB_YAML, m), problems);
        if (!f.isMapping()) {
            return new Result(Optional.empty(), problems);
        }
        f.allowOnly(LAB_FIELDS);
        String id = f.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            f.fail("id '" + id + "' does not match " + ID.pattern());
        }
        if (id != null && !id.equals(folder.name())) {
            f.fail("id '" + id + "' differs from the folder name '" + folder.name() + "'");
        }
        Integer version = f.integer("version", true, 1);
        String title = f.string("title", true);
        String summary = f.string("summary", true);
        Level level = f.enumValue("level", Level.class);
        Domain domain = f.enumValue("domain", Domain.class);
        Integer examWeight = f.integer("examWeight", true, 0);
        if (domain != null && examWeight != null && domain.examWeight() != examWeight) {
            f.fail("examWeight " + examWeight + " does not match domain " + domain + " (" + domain.examWeight() + ")");
        }
        Integer duration = f.integer("durationMinutes", true, 1);
        WorkspaceKind workspaceKind = f.enumValue("workspaceKind", WorkspaceKind.class);
        if (!f.has("prerequisites")) {
            f.fail("lab is missing the required field 'prerequisites' (use [] for none)");
        }
        List<String> prerequisites = f.strings("prerequisites", false);
        for (String p : prerequisites) {
            if (p.equals(id)) {
                f.fail("prerequisites name the lab itself");
            }
        }
        List<Task> tasks = new ArrayList<>();
        JsonNode tasksNode = f.get("tasks");
        if (tasksNode == null || !tasksNode.isArray() || tasksNode.isEmpty()) {
            f.fail("lab must have a non-empty list 'tasks'");
        } else {
            Set<String> taskIds = new HashSet<>();
            int position = 0;
            for (JsonNode t : tasksNode) {
                position++;
                Task task = task(folder, labId, t, position, problems);
                if (task != null) {
                    if (!taskIds.add(task.id())) {
                        problems.add(LabProblem.task(labId, task.id(), "task id '" + task.id() + "' is not unique"));
                    }
                    tasks.add(task);
                }
            }
        }
        Set<String> declaredTaskIds = new HashSet<>();
        if (tasksNode != null && tasksNode.isArray()) {
            tasksNode.forEach(t -> declaredTaskIds.add(t.path("id").asText()));
        }
        List<Tour> tours = TourReader.read(folder, labId, declaredTaskIds, problems);
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new Lab(id, version, title, summary, level, domain, examWeight, duration,
                workspaceKind, prerequisites, tasks, tours)), problems);
    }

    private static Task task(LabFolder folder, String labId, JsonNode node, int position,
            List<LabProblem> problems) {
        String provisional = node != null && node.has("id") ? node.get("id").asText() : "#" + position;
        int before = problems.size();
        YamlFields f = new YamlFields(node, "task " + position, m -> LabProblem.task(labId, provisional, m), problems);
        if (!f.isMapping()) {
            return null;
        }
        f.allowOnly(TASK_FIELDS);
        String id = f.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            f.fail("task id '" + id + "' does not match " + ID.pattern());
        }
        String title = f.string("title", true);
        String text = f.string("text", true);
        String expectedText = String.format("tasks/%02d-%s.md", position, id);
        if (text != null && !text.equals(expectedText)) {
            f.fail("text must be " + expectedText + ", not " + text);
        }
        if (text != null && !folder.hasFile(text)) {
            f.fail("text file " + text + " is missing");
        }
        if (id != null && !folder.hasFile(LabFolder.solutionPath(id))) {
            f.fail("reference solution " + LabFolder.solutionPath(id) + " is missing");
        }
        List<String> hints = f.strings("hints", false);
        List<Check> checks = new ArrayList<>();
        JsonNode checksNode = f.get("checks");
        if (checksNode == null || !checksNode.isArray() || checksNode.isEmpty()) {
            f.fail("task must have a non-empty list 'checks'");
        } else {
            Set<String> ids = new HashSet<>();
            int n = 0;
            for (JsonNode c : checksNode) {
                n++;
                Check check = check(labId, provisional, c, n, problems);
                if (check != null) {
                    if (!ids.add(check.id())) {
                        problems.add(LabProblem.check(labId, provisional, check.id(),
                                "check id '" + check.id() + "' is not unique in the task"));
                    }
                    checks.add(check);
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Task(id, title, text, hints, checks);
    }

    /** Reads one check; null (with problems recorded) when it is not well formed. */
    static Check check(String labId, String taskId, JsonNode node, int position, List<LabProblem> problems) {
        String provisional = node != null && node.has("id") ? node.get("id").asText() : "#" + position;
        Function<String, LabProblem> p = m -> LabProblem.check(labId, taskId, provisional, m);
        int before = problems.size();
        YamlFields f = new YamlFields(node, "check", p, problems);
        if (!f.isMapping()) {
            return null;
        }
        f.allowOnly(CHECK_FIELDS);
        String id = f.string("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            f.fail("check id '" + id + "' does not match " + ID.pattern());
        }
        String description = f.string("description", true);
        Integer points = f.integer("points", false, 1);
        String hint = f.string("hint", false);
        Boolean all = f.bool("all");

        List<String> forms = new ArrayList<>();
        for (String form : List.of("expect", "count", "relation", "status", "access")) {
            if (f.has(form)) {
                forms.add(form);
            }
        }
        boolean expectWithCount = forms.equals(List.of("expect", "count"));
        if (forms.isEmpty()) {
            f.fail("check has no assertion (one of expect, count, relation, status, access)");
        } else if (forms.size() > 1 && !expectWithCount) {
            f.fail("check has several assertion forms " + forms + "; exactly one is allowed (count may go with expect)");
        }
        if (all != null && all && !f.has("expect")) {
            f.fail("'all' is only allowed with 'expect'");
        }
        if (all != null && f.has("count")) {
            f.fail("'all' and 'count' cannot be used together");
        }

        ResourceRef resource = null;
        if (f.has("access")) {
            if (f.has("resource")) {
                f.fail("an access check must not have a check-level 'resource' (the RBAC resource goes inside access)");
            }
        } else if (!f.has("resource")) {
            f.fail("check is missing the required field 'resource'");
        } else {
            resource = resource(f.get("resource"), p, problems);
        }

        List<Expectation> expect = new ArrayList<>();
        if (f.has("expect")) {
            JsonNode list = f.get("expect");
            if (!list.isArray() || list.isEmpty()) {
                f.fail("expect must be a non-empty list of entries");
            } else {
                int i = 0;
                for (JsonNode e : list) {
                    i++;
                    Expectation x = expectation(e, i, p, problems);
                    if (x != null) {
                        expect.add(x);
                    }
                }
            }
        }
        CountRange count = null;
        if (f.has("count")) {
            YamlFields c = new YamlFields(f.get("count"), "count", p, problems);
            if (c.isMapping()) {
                c.allowOnly(COUNT_FIELDS);
                Integer min = c.integer("min", false, 1);
                Integer max = c.integer("max", false, 0);
                int mn = min == null ? 1 : min;
                if (max != null && max < mn) {
                    c.fail("count.max " + max + " is less than count.min " + mn);
                }
                count = new CountRange(mn, max);
            }
        }
        Relation relation = null;
        if (f.has("relation")) {
            relation = relation(f.get("relation"), resource, p, problems);
        }
        RuntimeStatus status = null;
        if (f.has("status")) {
            JsonNode s = f.get("status");
            try {
                status = RuntimeStatus.valueOf(s.asText());
                if (resource != null && resource.kind() != status.kind()) {
                    f.fail("status " + status + " applies to " + status.kind() + ", not " + resource.kind());
                }
            } catch (IllegalArgumentException e) {
                f.fail("status '" + s.asText() + "' is not one of " + List.of(RuntimeStatus.values()));
            }
        }
        AccessRule access = null;
        if (f.has("access")) {
            access = access(f.get("access"), p, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Check(id, description, points == null ? 1 : points, hint, resource, expect, count,
                all != null && all, relation, status, access);
    }

    private static ResourceRef resource(JsonNode node, Function<String, LabProblem> p, List<LabProblem> problems) {
        YamlFields r = new YamlFields(node, "resource", p, problems);
        if (!r.isMapping()) {
            return null;
        }
        r.allowOnly(RESOURCE_FIELDS);
        String kindName = r.string("kind", true);
        Optional<ResourceKind> kind = kindName == null ? Optional.empty() : ResourceKind.of(kindName);
        if (kindName != null && kind.isEmpty()) {
            r.fail("resource.kind '" + kindName + "' is not one of " + List.of(ResourceKind.values()));
        }
        String name = r.string("name", false);
        String selectorText = r.string("selector", false);
        if ((name == null) == (selectorText == null)) {
            r.fail("resource needs exactly one of 'name' and 'selector'");
            return null;
        }
        LabelSelector selector = null;
        if (selectorText != null) {
            try {
                selector = LabelSelector.parse(selectorText);
                if (selector.isEmpty()) {
                    r.fail("resource.selector is empty; select by name or by lab-specific labels");
                    return null;
                }
            } catch (IllegalArgumentException e) {
                r.fail("resource.selector: " + e.getMessage());
                return null;
            }
        }
        LabelSelector sel = selector;
        return kind.map(k -> new ResourceRef(k, name, sel)).orElse(null);
    }

    private static Expectation expectation(JsonNode node, int position, Function<String, LabProblem> p,
            List<LabProblem> problems) {
        YamlFields e = new YamlFields(node, "expect entry " + position, p, problems);
        if (!e.isMapping()) {
            return null;
        }
        Set<String> allowed = new HashSet<>();
        allowed.add("path");
        for (Operator o : Operator.values()) {
            allowed.add(o.yamlName());
        }
        e.allowOnly(allowed);
        String pathText = e.string("path", true);
        FieldPath path = null;
        if (pathText != null) {
            try {
                path = FieldPath.parse(pathText);
            } catch (IllegalArgumentException ex) {
                e.fail("expect entry " + position + ": " + ex.getMessage());
            }
        }
        List<Operator> ops = new ArrayList<>();
        for (Operator o : Operator.values()) {
            if (node.has(o.yamlName())) {
                ops.add(o);
            }
        }
        if (ops.size() != 1) {
            e.fail("expect entry " + position + " (" + pathText + ") must have exactly one operator, has "
                    + (ops.isEmpty() ? "none" : ops));
            return null;
        }
        Operator op = ops.get(0);
        JsonNode v = node.get(op.yamlName());
        Object expected = YamlFields.scalar(v);
        String where = "expect entry " + position + " (" + pathText + ") " + op.yamlName();
        switch (op) {
            case EQUALS, CONTAINS -> {
                if (expected == null) {
                    e.fail(where + " needs a scalar value");
                }
            }
            case ONE_OF -> {
                if (v == null || !v.isArray() || v.isEmpty()) {
                    e.fail(where + " needs a non-empty list of scalars");
                    expected = null;
                } else {
                    List<Object> options = new ArrayList<>();
                    for (JsonNode o : v) {
                        Object s = YamlFields.scalar(o);
                        if (s == null) {
                            e.fail(where + " must hold scalars only");
                        }
                        options.add(s);
                    }
                    expected = List.copyOf(options.stream().filter(x -> x != null).toList());
                }
            }
            case MATCHES -> {
                if (!(expected instanceof String re)) {
                    e.fail(where + " needs a regular expression string");
                } else {
                    try {
                        Pattern.compile(re);
                    } catch (PatternSyntaxException ex) {
                        e.fail(where + " is not a valid regular expression: " + ex.getDescription());
                    }
                }
            }
            case EXISTS -> {
                if (!(expected instanceof Boolean)) {
                    e.fail(where + " must be true or false");
                }
            }
            case GTE, GT, LTE, LT -> {
                if (expected == null || expected instanceof Boolean || !Quantities.isQuantity(expected)) {
                    e.fail(where + " needs a number or a quantity such as 500m or 128Mi");
                }
            }
        }
        if (path == null) {
            return null;
        }
        return new Expectation(path, op, expected);
    }

    private static Relation relation(JsonNode node, ResourceRef resource, Function<String, LabProblem> p,
            List<LabProblem> problems) {
        YamlFields r = new YamlFields(node, "relation", p, problems);
        if (!r.isMapping()) {
            return null;
        }
        r.allowOnly(RELATION_FIELDS);
        String typeName = r.string("type", true);
        RelationType type = null;
        if (typeName != null) {
            try {
                type = RelationType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                r.fail("relation.type '" + typeName + "' is not one of " + List.of(RelationType.values()));
                return null;
            }
        }
        if (type == null) {
            return null;
        }
        String name = r.string("name", type.needsName());
        if (!type.needsName() && name != null) {
            r.fail("relation " + type + " takes no 'name'");
        }
        String mountPath = r.string("mountPath", false);
        boolean mounts = type == RelationType.MOUNTS_CONFIGMAP || type == RelationType.MOUNTS_SECRET
                || type == RelationType.MOUNTS_PVC;
        if (mountPath != null && !mounts) {
            r.fail("relation " + type + " takes no 'mountPath'");
        }
        boolean env = type == RelationType.ENV_FROM_CONFIGMAP || type == RelationType.ENV_FROM_SECRET;
        String key = r.string("key", false);
        String envName = r.string("env", false);
        if ((key != null || envName != null) && !env) {
            r.fail("relation " + type + " takes no 'key' or 'env'");
        }
        Object port = null;
        if (r.has("port")) {
            JsonNode pn = r.get("port");
            if (type != RelationType.BACKEND_SERVICE) {
                r.fail("relation " + type + " takes no 'port'");
            } else if (pn.isIntegralNumber() && pn.canConvertToInt() && pn.intValue() > 0) {
                port = pn.intValue();
            } else if (pn.isTextual() && !pn.asText().isBlank()) {
                port = pn.asText();
            } else {
                r.fail("relation.port must be a port number or a port name");
            }
        }
        Integer min = r.integer("min", false, 1);
        if (min != null && type != RelationType.SELECTS_PODS) {
            r.fail("relation " + type + " takes no 'min'");
        }
        if (resource != null && !type.kinds().contains(resource.kind())) {
            r.fail("relation " + type + " is not defined for " + resource.kind() + " (only " + type.kinds() + ")");
        }
        return new Relation(type, name, mountPath, key, envName, port, min == null ? 1 : min);
    }

    private static AccessRule access(JsonNode node, Function<String, LabProblem> p, List<LabProblem> problems) {
        YamlFields a = new YamlFields(node, "access", p, problems);
        if (!a.isMapping()) {
            return null;
        }
        a.allowOnly(ACCESS_FIELDS);
        String sa = a.string("serviceAccount", true);
        String verb = a.string("verb", true);
        if (verb != null && !VERB.matcher(verb).matches()) {
            a.fail("access.verb '" + verb + "' is not a Kubernetes verb");
        }
        String resource = a.string("resource", true);
        if (resource != null && (resource.contains("/") || !resource.equals(resource.toLowerCase()))) {
            a.fail("access.resource must be a lowercase plural resource name without '/' (use subresource)");
        }
        String subresource = a.string("subresource", false);
        String group = a.string("group", false);
        String resourceName = a.string("resourceName", false);
        Boolean allowed = a.bool("allowed");
        if (sa == null || verb == null || resource == null) {
            return null;
        }
        return new AccessRule(sa, verb, resource, subresource, group, resourceName, allowed == null || allowed);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
