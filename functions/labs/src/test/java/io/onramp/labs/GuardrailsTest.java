package io.onramp.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.onramp.pods.blueprint.CodeServerObjects;
import io.onramp.pods.blueprint.DeveloperClusterRole;
import io.onramp.pods.blueprint.PodsConfig;
import io.onramp.pods.blueprint.PodsConfigs;

import org.junit.jupiter.api.Test;

/** {@link Guardrails#defaults()} mirrors onramp-pod-workspaces (the validator must not depend on it at run time). */
class GuardrailsTest {

    private static final Guardrails G = Guardrails.defaults();

    @Test
    void developerRulesAreTheDeveloperClusterRole() {
        List<PolicyRule> rules = DeveloperClusterRole.build().getRules();
        assertEquals(rules.size(), G.developerRules().size());
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> mirror = G.developerRules().get(i);
            assertEquals(rules.get(i).getApiGroups(), mirror.get("apiGroups"), "rule " + i);
            assertEquals(rules.get(i).getResources(), mirror.get("resources"), "rule " + i);
            assertEquals(rules.get(i).getVerbs(), mirror.get("verbs"), "rule " + i);
        }
        assert G.bindableClusterRoles().contains(DeveloperClusterRole.NAME);
    }

    @Test
    void quotaIsMediumAndWorkspaceIsCodeServer() {
        PodsConfig config = PodsConfigs.defaults();
        PodsConfig.SizeConfig medium = config.sizes().medium();
        assertQ(medium.quotaRequestsCpu(), G.quota().requestsCpu());
        assertQ(medium.quotaRequestsMemory(), G.quota().requestsMemory());
        assertQ(medium.quotaLimitsCpu(), G.quota().limitsCpu());
        assertQ(medium.quotaLimitsMemory(), G.quota().limitsMemory());
        assertQ(medium.quotaStorage(), G.quota().storage());
        assertEquals(medium.quotaPods(), G.quota().pods());
        assertEquals(medium.quotaPvcs(), G.quota().pvcs());
        assertEquals(config.quota().services(), G.quota().services());
        assertQ(medium.codeServerRequestsCpu(), G.workspace().requestsCpu());
        assertQ(medium.codeServerRequestsMemory(), G.workspace().requestsMemory());
        assertQ(medium.codeServerLimitsCpu(), G.workspace().limitsCpu());
        assertQ(medium.codeServerLimitsMemory(), G.workspace().limitsMemory());
        assertQ(medium.homeSize(), G.workspace().storage());
        assertEquals("code-server-home", CodeServerObjects.HOME_PVC);
        PodsConfig.LimitRangeConfig lr = config.limitRange();
        Guardrails.ContainerLimits c = G.containerLimits();
        assertEquals(List.of(lr.defaultRequestCpu(), lr.defaultRequestMemory(), lr.defaultCpu(), lr.defaultMemory(),
                lr.maxCpu(), lr.maxMemory()), List.of(c.defaultRequestCpu(), c.defaultRequestMemory(),
                        c.defaultLimitCpu(), c.defaultLimitMemory(), c.maxCpu(), c.maxMemory()));
    }

    private static void assertQ(String expected, BigDecimal actual) {
        assertEquals(0, Quantities.of(expected).compareTo(actual), expected + " vs " + actual);
    }
}
