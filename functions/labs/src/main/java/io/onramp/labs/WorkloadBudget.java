package io.onramp.labs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a set of objects takes from a namespace's quota: pods (replicas, HPA maxima, Job parallelism), their effective
 * CPU/memory requests and limits (LimitRange defaults for missing values, init containers as the scheduler counts
 * them), PVCs (StatefulSet claim templates per replica) with their storage, and Services.
 */
public final class WorkloadBudget {

    private WorkloadBudget() {
    }

    /** Per-pod amounts. */
    private record PodAmounts(BigDecimal reqCpu, BigDecimal reqMem, BigDecimal limCpu, BigDecimal limMem) {
        PodAmounts plus(PodAmounts o) {
            return new PodAmounts(reqCpu.add(o.reqCpu), reqMem.add(o.reqMem), limCpu.add(o.limCpu),
                    limMem.add(o.limMem));
        }

        PodAmounts max(PodAmounts o) {
            return new PodAmounts(reqCpu.max(o.reqCpu), reqMem.max(o.reqMem), limCpu.max(o.limCpu),
                    limMem.max(o.limMem));
        }

        PodAmounts times(int n) {
            BigDecimal f = BigDecimal.valueOf(n);
            return new PodAmounts(reqCpu.multiply(f), reqMem.multiply(f), limCpu.multiply(f), limMem.multiply(f));
        }
    }

    private static final PodAmounts NONE = new PodAmounts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    /**
     * The totals of {@code objects}; container-level problems (a request above its limit, a limit above the
     * LimitRange maximum) go to {@code problems} as "origin: message".
     */
    public static ResourceTotals of(List<Manifest> objects, Guardrails.ContainerLimits limits,
            Consumer<String> problems) {
        PodAmounts total = NONE;
        int pods = 0;
        int pvcs = 0;
        int services = 0;
        BigDecimal storage = BigDecimal.ZERO;
        for (Manifest m : objects) {
            String kindName = m.kind() == null ? "" : m.kind();
            ResourceKind kind = ResourceKind.of(kindName).orElse(null);
            Map<String, Object> spec = Trees.map(m.object(), "spec");
            if (kind != null && kind.hasPodSpec()) {
                int n = podCount(kind, m, objects);
                PodAmounts perPod = pod(PodSpecs.of(kind, m.object()), limits, msg -> problems.accept(m.origin()
                        + ": " + msg));
                total = total.plus(perPod.times(n));
                pods += n;
                if (kind == ResourceKind.STATEFUL_SET) {
                    int replicas = replicas(spec);
                    for (Object t : Trees.list(spec, "volumeClaimTemplates")) {
                        pvcs += replicas;
                        storage = storage.add(storageOf(Trees.map(t, "spec")).multiply(BigDecimal.valueOf(replicas)));
                    }
                }
            } else if (kind == ResourceKind.PERSISTENT_VOLUME_CLAIM) {
                pvcs++;
                storage = storage.add(storageOf(spec));
            } else if (kind == ResourceKind.SERVICE) {
                services++;
            }
        }
        return new ResourceTotals(total.reqCpu, total.reqMem, total.limCpu, total.limMem, storage, pods, pvcs,
                services);
    }

    private static int podCount(ResourceKind kind, Manifest m, List<Manifest> objects) {
        Map<String, Object> spec = Trees.map(m.object(), "spec");
        return switch (kind) {
            case POD -> 1;
            case DEPLOYMENT, REPLICA_SET, STATEFUL_SET -> {
                int replicas = replicas(spec);
                for (Manifest hpa : objects) {
                    if (!"HorizontalPodAutoscaler".equals(hpa.kind())) {
                        continue;
                    }
                    Map<String, Object> hs = Trees.map(hpa.object(), "spec");
                    Map<String, Object> target = Trees.map(hs, "scaleTargetRef");
                    if (kind.kind().equals(Trees.text(target, "kind"))
                            && m.name() != null && m.name().equals(Trees.text(target, "name"))) {
                        replicas = Math.max(replicas, intOr(hs.get("maxReplicas"), replicas));
                    }
                }
                yield replicas;
            }
            case JOB -> jobPods(spec);
            case CRON_JOB -> jobPods(Trees.map(Trees.map(spec, "jobTemplate"), "spec"));
            default -> 0;
        };
    }

    private static int jobPods(Map<String, Object> jobSpec) {
        int parallelism = intOr(jobSpec.get("parallelism"), 1);
        int completions = intOr(jobSpec.get("completions"), parallelism);
        return Math.max(0, Math.min(parallelism, completions));
    }

    private static int replicas(Map<String, Object> spec) {
        return intOr(spec.get("replicas"), 1);
    }

    private static int intOr(Object value, int otherwise) {
        return Values.number(value).map(BigDecimal::intValue).orElse(otherwise);
    }

    private static BigDecimal storageOf(Map<String, Object> pvcSpec) {
        String s = Trees.text(Trees.map(Trees.map(pvcSpec, "resources"), "requests"), "storage");
        return s == null ? BigDecimal.ZERO : Quantities.parse(s).orElse(BigDecimal.ZERO);
    }

    private static PodAmounts pod(Map<String, Object> podSpec, Guardrails.ContainerLimits limits,
            Consumer<String> problems) {
        PodAmounts containers = NONE;
        for (Object c : Trees.list(podSpec, "containers")) {
            containers = containers.plus(container(c, limits, problems));
        }
        // init containers: sidecars (restartPolicy Always) run alongside; others one at a time before the app
        PodAmounts sidecars = NONE;
        PodAmounts initPeak = NONE;
        for (Object c : Trees.list(podSpec, "initContainers")) {
            PodAmounts a = container(c, limits, problems);
            if ("Always".equals(Trees.text(c, "restartPolicy"))) {
                sidecars = sidecars.plus(a);
            } else {
                initPeak = initPeak.max(a.plus(sidecars));
            }
        }
        return containers.plus(sidecars).max(initPeak);
    }

    private static PodAmounts container(Object c, Guardrails.ContainerLimits limits, Consumer<String> problems) {
        String name = Trees.text(c, "name");
        Map<String, Object> resources = Trees.map(c, "resources");
        Map<String, Object> requests = Trees.map(resources, "requests");
        Map<String, Object> lims = Trees.map(resources, "limits");
        List<BigDecimal> out = new ArrayList<>();
        for (String res : List.of("cpu", "memory")) {
            boolean cpu = res.equals("cpu");
            BigDecimal request = Quantities.parse(requests.get(res)).orElse(null);
            BigDecimal limit = Quantities.parse(lims.get(res)).orElse(null);
            if (requests.get(res) != null && request == null || lims.get(res) != null && limit == null) {
                problems.accept("container " + name + ": " + res + " request or limit is not a quantity");
            }
            BigDecimal defaultLimit = Quantities.of(cpu ? limits.defaultLimitCpu() : limits.defaultLimitMemory());
            BigDecimal defaultRequest = Quantities.of(cpu ? limits.defaultRequestCpu() : limits.defaultRequestMemory());
            if (request == null) {
                request = limit != null ? limit : defaultRequest;
            }
            if (limit == null) {
                limit = defaultLimit;
                if (request.compareTo(limit) > 0) {
                    problems.accept("container " + name + ": " + res + " request " + requests.get(res)
                            + " is above the LimitRange default limit " + (cpu ? limits.defaultLimitCpu()
                                    : limits.defaultLimitMemory()) + " that a missing limit gets; set a limit");
                }
            }
            if (request.compareTo(limit) > 0) {
                problems.accept("container " + name + ": " + res + " request is above its limit");
            }
            BigDecimal max = Quantities.of(cpu ? limits.maxCpu() : limits.maxMemory());
            if (limit.compareTo(max) > 0) {
                problems.accept("container " + name + ": " + res + " limit " + lims.get(res)
                        + " is above the LimitRange maximum " + (cpu ? limits.maxCpu() : limits.maxMemory()));
            }
            out.add(request);
            out.add(limit);
        }
        return new PodAmounts(out.get(0), out.get(2), out.get(1), out.get(3));
    }
}
