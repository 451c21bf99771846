package io.onramp.labs;

import java.math.BigDecimal;

/**
 * Amounts of namespace resources: CPU in cores, memory and storage in bytes, object counts. In a limit, a null
 * amount (or a negative count) means unbounded.
 */
public record ResourceTotals(BigDecimal requestsCpu, BigDecimal requestsMemory, BigDecimal limitsCpu,
        BigDecimal limitsMemory, BigDecimal storage, int pods, int pvcs, int services) {

    public static final ResourceTotals ZERO = new ResourceTotals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0);

    /** From quantity strings ({@code "2"}, {@code "4Gi"}); null strings stay null (unbounded). */
    public static ResourceTotals of(String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory,
            String storage, int pods, int pvcs, int services) {
        return new ResourceTotals(q(requestsCpu), q(requestsMemory), q(limitsCpu), q(limitsMemory), q(storage), pods,
                pvcs, services);
    }

    /** This limit minus what something else already uses (unbounded stays unbounded). */
    public ResourceTotals minus(ResourceTotals used) {
        return new ResourceTotals(sub(requestsCpu, used.requestsCpu), sub(requestsMemory, used.requestsMemory),
                sub(limitsCpu, used.limitsCpu), sub(limitsMemory, used.limitsMemory), sub(storage, used.storage),
                pods < 0 ? pods : pods - used.pods, pvcs < 0 ? pvcs : pvcs - used.pvcs,
                services < 0 ? services : services - used.services);
    }

    private static BigDecimal q(String s) {
        return s == null ? null : Quantities.of(s);
    }

    private static BigDecimal sub(BigDecimal a, BigDecimal b) {
        return a == null ? null : a.subtract(b);
    }
}
