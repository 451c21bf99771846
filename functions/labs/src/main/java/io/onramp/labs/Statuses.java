package io.onramp.labs;

import java.math.BigDecimal;
import java.util.Map;

/** Evaluates {@code status} assertions on one selected object (content/README.md section 4.5). */
final class Statuses {

    private Statuses() {
    }

    static boolean holds(RuntimeStatus status, Map<String, Object> object) {
        Map<String, Object> spec = Trees.map(object, "spec");
        Map<String, Object> st = Trees.map(object, "status");
        return switch (status) {
            case POD_READY -> condition(st, "Ready");
            case DEPLOYMENT_AVAILABLE, STATEFULSET_READY -> {
                BigDecimal replicas = number(spec.get("replicas"), BigDecimal.ONE);
                BigDecimal ready = number(st.get("readyReplicas"), BigDecimal.ZERO);
                yield replicas.signum() > 0 && ready.compareTo(replicas) >= 0;
            }
            case PVC_BOUND -> "Bound".equals(Trees.text(st, "phase"));
            case JOB_SUCCEEDED -> {
                if (condition(st, "Complete")) {
                    yield true;
                }
                BigDecimal completions = number(spec.get("completions"), BigDecimal.ONE);
                BigDecimal succeeded = number(st.get("succeeded"), BigDecimal.ZERO);
                yield succeeded.signum() > 0 && succeeded.compareTo(completions) >= 0;
            }
        };
    }

    private static boolean condition(Map<String, Object> status, String type) {
        for (Object c : Trees.list(status, "conditions")) {
            if (type.equals(Trees.text(c, "type")) && "True".equals(Trees.text(c, "status"))) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal number(Object value, BigDecimal otherwise) {
        return Values.number(value).orElse(otherwise);
    }
}
