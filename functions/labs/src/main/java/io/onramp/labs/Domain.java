package io.onramp.labs;

/** The CKAD v1.35 curriculum domains and their exam weights in percent. */
public enum Domain {
    APPLICATION_DESIGN_AND_BUILD(20),
    APPLICATION_DEPLOYMENT(20),
    APPLICATION_OBSERVABILITY_AND_MAINTENANCE(15),
    APPLICATION_ENVIRONMENT_CONFIGURATION_AND_SECURITY(25),
    SERVICES_AND_NETWORKING(20);

    private final int examWeight;

    Domain(int examWeight) {
        this.examWeight = examWeight;
    }

    public int examWeight() {
        return examWeight;
    }
}
