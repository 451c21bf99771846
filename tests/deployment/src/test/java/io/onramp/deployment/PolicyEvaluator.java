package io.onramp.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;

/**
 * Evaluates a ValidatingAdmissionPolicy the way the API server does, with cel-java instead of cel-go: the request
 * must match {@code matchConstraints.resourceRules} (operation, group, resource incl. {@code *} and {@code *}/{@code *}),
 * then every {@code matchCondition} must be true, then {@code variables} are bound in order under
 * {@code variables.<name>}, then the first validation that is false denies with its (evaluated) message. The
 * environment is Kubernetes' subset that the policies use: the standard library and macros, and the strings
 * extension ({@code split}, ...). {@code object}, {@code oldObject} and {@code namespaceObject} are {@code null}
 * where Kubernetes passes null (DELETE, CREATE, cluster-scoped objects and Namespaces).
 */
public final class PolicyEvaluator {

    /** The outcome: not matched (the policy does not apply), allowed, or denied with a message. */
    public record Decision(Outcome outcome, String message, String error, int validation) {

        static Decision of(Outcome outcome) {
            return new Decision(outcome, null, null, -1);
        }
    }

    public enum Outcome {
        NOT_MATCHED, ALLOWED, DENIED
    }

    private record Compiled(String source, CelRuntime.Program program) {
    }

    private final ValidatingAdmissionPolicy policy;
    private final Cel cel;
    private final List<Compiled> matchConditions = new ArrayList<>();
    private final Map<String, Compiled> variables = new LinkedHashMap<>();
    private final List<Compiled> validations = new ArrayList<>();
    private final List<Compiled> messages = new ArrayList<>();

    public PolicyEvaluator(ValidatingAdmissionPolicy policy) {
        this.policy = policy;
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("request", SimpleType.DYN)
                .addVar("object", SimpleType.DYN)
                .addVar("oldObject", SimpleType.DYN)
                .addVar("namespaceObject", SimpleType.DYN)
                .addVar("params", SimpleType.DYN)
                .addVar("variables", SimpleType.DYN)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .build();
        var spec = policy.getSpec();
        if (spec.getMatchConditions() != null) {
            for (MatchCondition c : spec.getMatchConditions()) {
                matchConditions.add(compile(c.getExpression()));
            }
        }
        if (spec.getVariables() != null) {
            for (Variable v : spec.getVariables()) {
                variables.put(v.getName(), compile(v.getExpression()));
            }
        }
        for (Validation v : spec.getValidations()) {
            validations.add(compile(v.getExpression()));
            messages.add(v.getMessageExpression() == null ? null : compile(v.getMessageExpression()));
        }
    }

    public String name() {
        return policy.getMetadata().getName();
    }

    /** Every expression of the policy compiles (done in the constructor); how many there are. */
    public int expressions() {
        return matchConditions.size() + variables.size() + validations.size()
                + (int) messages.stream().filter(m -> m != null).count();
    }

    private Compiled compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            return new Compiled(expression, cel.createProgram(ast));
        } catch (CelValidationException e) {
            throw new AssertionError(name() + ": CEL does not compile: " + expression + "\n" + e.getMessage(), e);
        } catch (Exception e) {
            throw new AssertionError(name() + ": " + expression + ": " + e.getMessage(), e);
        }
    }

    public Decision evaluate(Map<String, Object> request, Map<String, Object> object, Map<String, Object> oldObject,
            Map<String, Object> namespaceObject) {
        if (!matchesConstraints(request)) {
            return Decision.of(Outcome.NOT_MATCHED);
        }
        Map<String, Object> activation = new HashMap<>();
        activation.put("request", request);
        activation.put("object", orNull(object));
        activation.put("oldObject", orNull(oldObject));
        activation.put("namespaceObject", orNull(namespaceObject));
        activation.put("params", NullValue.NULL_VALUE);
        Map<String, Object> bound = new LinkedHashMap<>();
        activation.put("variables", bound);
        Compiled current = null;
        try {
            for (Compiled c : matchConditions) {
                current = c;
                if (!Boolean.TRUE.equals(c.program().eval(activation))) {
                    return Decision.of(Outcome.NOT_MATCHED);
                }
            }
            for (Map.Entry<String, Compiled> v : variables.entrySet()) {
                current = v.getValue();
                bound.put(v.getKey(), v.getValue().program().eval(activation));
            }
            for (int i = 0; i < validations.size(); i++) {
                current = validations.get(i);
                Object result = current.program().eval(activation);
                if (!(result instanceof Boolean)) {
                    return new Decision(Outcome.DENIED, null, "not a bool: " + current.source(), i);
                }
                if (!((Boolean) result)) {
                    Compiled message = messages.get(i);
                    String text = message == null ? policy.getSpec().getValidations().get(i).getMessage()
                            : String.valueOf(message.program().eval(activation));
                    return new Decision(Outcome.DENIED, text, null, i);
                }
            }
            return Decision.of(Outcome.ALLOWED);
        } catch (CelEvaluationException e) {
            // failurePolicy: Fail turns an evaluation error into a refusal; the tests treat it as a bug
            return new Decision(Outcome.DENIED, null,
                    name() + ": " + (current == null ? "" : current.source()) + ": " + e.getMessage(), -1);
        }
    }

    private static Object orNull(Map<String, Object> o) {
        return o == null ? NullValue.NULL_VALUE : o;
    }

    @SuppressWarnings("unchecked")
    private boolean matchesConstraints(Map<String, Object> request) {
        Map<String, Object> resource = (Map<String, Object>) request.get("resource");
        String operation = (String) request.get("operation");
        String group = (String) resource.get("group");
        String version = (String) resource.get("version");
        String plural = (String) resource.get("resource");
        String sub = (String) request.getOrDefault("subResource", "");
        String full = sub == null || sub.isEmpty() ? plural : plural + "/" + sub;
        for (NamedRuleWithOperations rule : policy.getSpec().getMatchConstraints().getResourceRules()) {
            if (matches(rule.getOperations(), operation) && matches(rule.getApiGroups(), group)
                    && matches(rule.getApiVersions(), version) && resourceMatches(rule.getResources(), full)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    /** Kubernetes' rule: "*" is every resource (not subresources), "*&#47;*" every subresource, "x/*", "*&#47;y". */
    private static boolean resourceMatches(List<String> resources, String full) {
        if (resources == null) {
            return false;
        }
        String[] parts = full.split("/", 2);
        for (String r : resources) {
            if (r.equals(full)) {
                return true;
            }
            String[] rp = r.split("/", 2);
            if (parts.length == 1 && rp.length == 1 && rp[0].equals("*")) {
                return true;
            }
            if (parts.length == 2 && rp.length == 2 && (rp[0].equals("*") || rp[0].equals(parts[0]))
                    && (rp[1].equals("*") || rp[1].equals(parts[1]))) {
                return true;
            }
        }
        return false;
    }
}
