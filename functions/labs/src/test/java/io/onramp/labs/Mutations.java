package io.onramp.labs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mutations of a lab state (object trees) meant to make one check fail (content/README.md section 7 invariant 3):
 * change or remove the field an expect entry tests, break a relation's link, delete objects for count and status,
 * take a verb away from (or grant one to) a ServiceAccount; last resorts rename the selected object or change its
 * labels.
 */
final class Mutations {

    /** A named change of a state; {@code apply} edits the trees in place and returns whether anything changed. */
    record Mutation(String description, java.util.function.Predicate<List<Map<String, Object>>> apply) {
    }

    private Mutations() {
    }

    static List<Mutation> forCheck(Check check) {
        List<Mutation> out = new ArrayList<>();
        switch (check.form()) {
            case EXPECT -> {
                for (Expectation e : check.expect()) {
                    if (e.operator() == Operator.EXISTS && Boolean.FALSE.equals(e.expected())) {
                        out.add(new Mutation("add " + e.path(), s -> eachSelected(check, s, o -> addAt(o, e.path()))));
                        continue;
                    }
                    if (e.operator() != Operator.EXISTS) {
                        out.add(new Mutation("change " + e.path(), s -> eachLocation(check, e, s,
                                l -> change(e, l))));
                    }
                    if (e.operator() == Operator.MATCHES) {
                        out.add(new Mutation("replace " + e.path(), s -> eachLocation(check, e, s,
                                l -> l.set("mutated"))));
                    }
                    out.add(new Mutation("remove " + e.path(), s -> removeLocations(check, e, s)));
                }
            }
            case COUNT -> out.add(deleteSelected(check));
            case STATUS -> {
                if (check.status() == RuntimeStatus.DEPLOYMENT_AVAILABLE
                        || check.status() == RuntimeStatus.STATEFULSET_READY) {
                    out.add(new Mutation("scale to 0", s -> eachSelected(check, s,
                            o -> { spec(o).put("replicas", 0); return true; })));
                }
                out.add(deleteSelected(check));
            }
            case RELATION -> out.addAll(relation(check));
            case ACCESS -> out.add(access(check.access()));
        }
        if (check.resource() != null) {
            if (check.resource().name() != null) {
                out.add(new Mutation("rename the selected object", s -> eachSelected(check, s, o -> {
                    meta(o).put("name", check.resource().name() + "-x");
                    return true;
                })));
            } else {
                out.add(new Mutation("change the selected labels", s -> eachSelected(check, s, o -> {
                    Map<String, Object> labels = map(meta(o), "labels");
                    for (var r : check.resource().selector().requirements()) {
                        if (labels.containsKey(r.key())) {
                            labels.put(r.key(), labels.get(r.key()) + "-x");
                        }
                    }
                    return true;
                })));
            }
        }
        return out;
    }

    // --- expect -------------------------------------------------------------------------------------------

    private static boolean eachLocation(Check check, Expectation e, List<Map<String, Object>> state,
            Consumer<FieldPath.Location> action) {
        boolean changed = false;
        for (Map<String, Object> o : selected(check, state)) {
            for (FieldPath.Location l : satisfying(e, o)) {
                action.accept(l);
                changed = true;
            }
        }
        return changed;
    }

    private static List<FieldPath.Location> satisfying(Expectation e, Map<String, Object> o) {
        List<FieldPath.Location> out = new ArrayList<>();
        for (FieldPath.Location l : e.path().locate(o)) {
            if (e.operator() == Operator.EXISTS || e.satisfiedBy(l.value())) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean removeLocations(Check check, Expectation e, List<Map<String, Object>> state) {
        boolean changed = false;
        for (Map<String, Object> o : selected(check, state)) {
            List<FieldPath.Location> locations = new ArrayList<>(satisfying(e, o));
            // list elements from the highest index down, so earlier removals do not shift later ones
            locations.sort(Comparator.comparing((FieldPath.Location l) -> l.key() instanceof Integer i ? -i : 0));
            for (FieldPath.Location l : locations) {
                l.remove();
                changed = true;
            }
        }
        return changed;
    }

    /** A value of the same type that violates the operator. */
    @SuppressWarnings("unchecked")
    private static void change(Expectation e, FieldPath.Location l) {
        Object v = l.value();
        switch (e.operator()) {
            case CONTAINS -> {
                List<Object> list = (List<Object>) v;
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(e.expected(), list.get(i))) {
                        list.set(i, different(list.get(i)));
                    }
                }
            }
            case GTE, GT -> l.set(sameKind(v, Quantities.parse(e.expected()).orElseThrow()
                    .divide(BigDecimal.valueOf(2))));
            case LTE, LT -> l.set(sameKind(v, Quantities.parse(e.expected()).orElseThrow()
                    .multiply(BigDecimal.valueOf(2)).add(BigDecimal.ONE)));
            default -> l.set(different(v));
        }
    }

    /** Numbers +1, booleans flipped, quantities +1 in their unit, other strings with "-x" appended. */
    static Object different(Object v) {
        if (v instanceof Boolean b) {
            return !b;
        }
        if (v instanceof Number) {
            BigDecimal n = Values.number(v).orElseThrow().add(BigDecimal.ONE);
            return v instanceof Integer || v instanceof Long ? (Object) n.longValueExact() : n;
        }
        String s = String.valueOf(v);
        var m = java.util.regex.Pattern.compile("^(\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$").matcher(s);
        if (m.matches()) {
            return new BigDecimal(m.group(1)).add(BigDecimal.ONE).toPlainString()
                    + (m.group(2) == null ? "" : m.group(2));
        }
        return s + "-x";
    }

    private static Object sameKind(Object original, BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (original instanceof Number) {
            return v.scale() <= 0 ? (Object) v.longValue() : v;
        }
        return v.scale() <= 0 ? v.toPlainString() : v.movePointRight(3).setScale(0, java.math.RoundingMode.DOWN)
                .toPlainString() + "m";
    }

    @SuppressWarnings("unchecked")
    private static boolean addAt(Map<String, Object> o, FieldPath path) {
        List<FieldPath.Segment> segs = path.segments();
        if (!(segs.get(segs.size() - 1) instanceof FieldPath.Key last)) {
            return false;
        }
        Object current = o;
        for (int i = 0; i < segs.size() - 1; i++) {
            FieldPath.Segment s = segs.get(i);
            if (s instanceof FieldPath.Key k && current instanceof Map<?, ?> m) {
                current = ((Map<String, Object>) m).computeIfAbsent(k.name(), x -> new LinkedHashMap<>());
            } else {
                List<Object> found = FieldPath.parse(prefix(segs, i + 1)).resolve(o);
                if (found.isEmpty()) {
                    return false;
                }
                current = found.get(0);
            }
        }
        if (!(current instanceof Map<?, ?> m)) {
            return false;
        }
        ((Map<String, Object>) m).put(last.name(), "mutated");
        return true;
    }

    private static String prefix(List<FieldPath.Segment> segs, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            FieldPath.Segment seg = segs.get(i);
            if (seg instanceof FieldPath.Key k) {
                s.append(i == 0 ? "" : ".").append("['").append(k.name()).append("']");
            } else {
                s.append(seg);
            }
        }
        String p = s.toString();
        return p.startsWith(".") ? p.substring(1) : p;
    }

    // --- count and status ---------------------------------------------------------------------------------

    private static Mutation deleteSelected(Check check) {
        return new Mutation("delete the selected objects", s -> s.removeIf(o -> isSelected(check, o)));
    }

    // --- relations ----------------------------------------------------------------------------------------

    private static List<Mutation> relation(Check check) {
        Relation r = check.relation();
        ResourceKind kind = check.resource().kind();
        List<Mutation> out = new ArrayList<>();
        switch (r.type()) {
            case SELECTS_PODS -> {
                out.add(new Mutation("change every selector label", s -> eachSelected(check, s,
                        o -> changeSelector(kind, o, null))));
            }
            case MOUNTS_CONFIGMAP, MOUNTS_SECRET, MOUNTS_PVC -> {
                out.add(new Mutation("remove the volume mounts", s -> eachSelected(check, s,
                        o -> removeMounts(r, kind, o))));
            }
            case ENV_FROM_CONFIGMAP, ENV_FROM_SECRET -> out.add(new Mutation("remove the env entries",
                    s -> eachSelected(check, s, o -> removeEnv(r, kind, o))));
            case USES_SERVICE_ACCOUNT -> out.add(new Mutation("remove serviceAccountName", s -> eachSelected(check,
                    s, o -> {
                        Map<String, Object> spec = podSpec(kind, o);
                        boolean changed = spec.remove("serviceAccountName") != null;
                        return spec.remove("serviceAccount") != null || changed;
                    })));
            case BACKEND_SERVICE -> out.add(new Mutation("rename the backend service", s -> eachSelected(check, s,
                    o -> renameBackend(r, o))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static boolean changeSelector(ResourceKind kind, Map<String, Object> o, String onlyKey) {
        Map<String, Object> spec = spec(o);
        Map<String, Object> labels = switch (kind) {
            case SERVICE -> map(spec, "selector");
            case NETWORK_POLICY -> map(map(spec, "podSelector"), "matchLabels");
            default -> map(map(spec, "selector"), "matchLabels");
        };
        boolean changed = false;
        for (var e : labels.entrySet()) {
            if (onlyKey == null || onlyKey.equals(e.getKey())) {
                e.setValue(e.getValue() + "-x");
                changed = true;
            }
        }
        Object selector = kind == ResourceKind.NETWORK_POLICY ? spec.get("podSelector") : spec.get("selector");
        if (selector instanceof Map<?, ?> sel && sel.get("matchExpressions") instanceof List<?> exprs) {
            for (Object x : exprs) {
                Map<String, Object> expr = (Map<String, Object>) x;
                expr.put("key", expr.get("key") + "-x");
                changed = true;
            }
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static boolean removeMounts(Relation r, ResourceKind kind, Map<String, Object> o) {
        Map<String, Object> spec = podSpec(kind, o);
        List<String> volumes = new ArrayList<>();
        for (Object v : list(spec, "volumes")) {
            Map<String, Object> vol = (Map<String, Object>) v;
            String ref = switch (r.type()) {
                case MOUNTS_CONFIGMAP -> Trees.text(map(vol, "configMap"), "name");
                case MOUNTS_SECRET -> Trees.text(map(vol, "secret"), "secretName");
                default -> Trees.text(map(vol, "persistentVolumeClaim"), "claimName");
            };
            boolean projected = false;
            for (Object src : list(map(vol, "projected"), "sources")) {
                String key = r.type() == RelationType.MOUNTS_CONFIGMAP ? "configMap" : "secret";
                projected |= r.name().equals(Trees.text(map((Map<String, Object>) src, key), "name"));
            }
            if (r.name().equals(ref) || projected) {
                volumes.add(Trees.text(vol, "name"));
            }
        }
        if (r.type() == RelationType.MOUNTS_PVC) {
            volumes.add(r.name()); // StatefulSet claim templates are mounted by their name
        }
        boolean changed = false;
        for (Map<String, Object> c : PodSpecs.containers(spec)) {
            List<Object> mounts = list(c, "volumeMounts");
            changed |= mounts.removeIf(m -> volumes.contains(Trees.text(m, "name"))
                    && (r.mountPath() == null || r.mountPath().equals(Trees.text(m, "mountPath"))));
        }
        return changed;
    }

    private static boolean removeEnv(Relation r, ResourceKind kind, Map<String, Object> o) {
        boolean configMap = r.type() == RelationType.ENV_FROM_CONFIGMAP;
        boolean specific = r.key() != null || r.env() != null;
        boolean changed = false;
        for (Map<String, Object> c : PodSpecs.containers(podSpec(kind, o))) {
            if (!specific) {
                changed |= list(c, "envFrom").removeIf(e -> r.name().equals(Trees.text(Trees.map(e,
                        configMap ? "configMapRef" : "secretRef"), "name")));
            }
            changed |= list(c, "env").removeIf(e -> {
                Map<String, Object> ref = Trees.map(Trees.map(e, "valueFrom"), configMap ? "configMapKeyRef"
                        : "secretKeyRef");
                return r.name().equals(Trees.text(ref, "name"))
                        && (r.key() == null || r.key().equals(Trees.text(ref, "key")))
                        && (r.env() == null || r.env().equals(Trees.text(e, "name")));
            });
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static boolean renameBackend(Relation r, Map<String, Object> o) {
        Map<String, Object> spec = spec(o);
        List<Map<String, Object>> backends = new ArrayList<>();
        if (spec.get("defaultBackend") instanceof Map<?, ?> d) {
            backends.add((Map<String, Object>) d);
        }
        for (Object rule : list(spec, "rules")) {
            for (Object p : list(map((Map<String, Object>) rule, "http"), "paths")) {
                backends.add(map((Map<String, Object>) p, "backend"));
            }
        }
        boolean changed = false;
        for (Map<String, Object> b : backends) {
            Map<String, Object> service = map(b, "service");
            if (r.name().equals(Trees.text(service, "name"))) {
                service.put("name", r.name() + "-x");
                changed = true;
            }
        }
        return changed;
    }

    // --- access -------------------------------------------------------------------------------------------

    private static Mutation access(AccessRule rule) {
        if (!rule.allowed()) {
            return new Mutation("grant the request", s -> {
                Map<String, Object> role = new LinkedHashMap<>();
                role.put("apiVersion", "rbac.authorization.k8s.io/v1");
                role.put("kind", "Role");
                role.put("metadata", new LinkedHashMap<>(Map.of("name", "mutation-grant")));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("apiGroups", new ArrayList<>(List.of(rule.group())));
                r.put("resources", new ArrayList<>(List.of(rule.fullResource())));
                r.put("verbs", new ArrayList<>(List.of(rule.verb())));
                role.put("rules", new ArrayList<>(List.of(r)));
                Map<String, Object> binding = new LinkedHashMap<>();
                binding.put("apiVersion", "rbac.authorization.k8s.io/v1");
                binding.put("kind", "RoleBinding");
                binding.put("metadata", new LinkedHashMap<>(Map.of("name", "mutation-grant")));
                binding.put("subjects", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("kind",
                        "ServiceAccount", "name", rule.serviceAccount())))));
                binding.put("roleRef", new LinkedHashMap<>(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind",
                        "Role", "name", "mutation-grant")));
                s.add(role);
                s.add(binding);
                return true;
            });
        }
        return new Mutation("remove the verb from the granting Role rules", s -> {
            boolean changed = false;
            for (Map<String, Object> role : s) {
                if (!"Role".equals(role.get("kind"))) {
                    continue;
                }
                List<Object> rules = list(role, "rules");
                for (Object x : rules) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) x;
                    if (RbacEvaluator.ruleGrants(r, rule.group(), rule.resource(), rule.subresource(), rule.verb(),
                            rule.resourceName())) {
                        List<Object> verbs = list(r, "verbs");
                        if (verbs.contains("*")) {
                            verbs.remove("*");
                            verbs.addAll(Guardrails.ALL_VERBS);
                        }
                        verbs.remove(rule.verb());
                        changed = true;
                    }
                }
                rules.removeIf(r -> list(castMap(r), "verbs").isEmpty());
            }
            return changed;
        });
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static boolean isSelected(Check check, Map<String, Object> o) {
        ResourceRef ref = check.resource();
        if (ref == null || !ref.kind().kind().equals(o.get("kind"))) {
            return false;
        }
        Map<String, Object> meta = Trees.map(o, "metadata");
        return ref.selects(Trees.text(meta, "name"), Trees.stringMap(meta, "labels"));
    }

    static List<Map<String, Object>> selected(Check check, List<Map<String, Object>> state) {
        return state.stream().filter(o -> isSelected(check, o)).toList();
    }

    private static boolean eachSelected(Check check, List<Map<String, Object>> state,
            java.util.function.Predicate<Map<String, Object>> action) {
        boolean changed = false;
        for (Map<String, Object> o : selected(check, state)) {
            changed |= action.test(o);
        }
        return changed;
    }

    private static Map<String, Object> podSpec(ResourceKind kind, Map<String, Object> o) {
        Map<String, Object> spec = spec(o);
        return switch (kind) {
            case POD -> spec;
            case CRON_JOB -> map(map(map(map(spec, "jobTemplate"), "spec"), "template"), "spec");
            default -> map(map(spec, "template"), "spec");
        };
    }

    private static Map<String, Object> spec(Map<String, Object> o) {
        return map(o, "spec");
    }

    private static Map<String, Object> meta(Map<String, Object> o) {
        return map(o, "metadata");
    }

    /** The mutable map at a key, created when missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** The mutable list at a key, or a throwaway empty list when missing. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
    }
}
