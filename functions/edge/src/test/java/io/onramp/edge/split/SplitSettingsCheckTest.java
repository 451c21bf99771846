package io.onramp.edge.split;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.service.OwnServiceToken;
import io.onramp.edge.service.ServiceTokens;
import io.onramp.edge.service.ServicesConfig;

/** Which split configurations start, and what a refusal says. */
class SplitSettingsCheckTest {

    record Serve(Set<FunctionGroup> serve) implements DeploymentConfig {
        static Serve of(FunctionGroup... groups) {
            return new Serve(groups.length == 0 ? Set.of() : EnumSet.of(groups[0], groups));
        }
    }

    record Split(Map<FunctionGroup, String> urls) implements SplitConfig {
        @Override
        public Optional<String> podsUrl() {
            return Optional.ofNullable(urls.get(FunctionGroup.PODS));
        }

        @Override
        public Optional<String> vmsUrl() {
            return Optional.ofNullable(urls.get(FunctionGroup.VMS));
        }

        @Override
        public Optional<String> labsUrl() {
            return Optional.ofNullable(urls.get(FunctionGroup.LABS));
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }
    }

    record Services(Optional<String> issuer, Optional<String> publicKey, Optional<String> tokenFile)
            implements ServicesConfig {
        @Override
        public Optional<String> jwksUrl() {
            return Optional.empty();
        }

        @Override
        public Optional<String> jwksTokenFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> jwksCaFile() {
            return Optional.empty();
        }

        @Override
        public String audience() {
            return "onramp-functions";
        }

        @Override
        public List<String> allowedSubjects() {
            return List.of("system:serviceaccount:onramp:onramp-gateway");
        }
    }

    static final Services NONE = new Services(Optional.empty(), Optional.empty(), Optional.empty());
    static final Services GATEWAY_TOKEN = new Services(Optional.empty(), Optional.empty(), Optional.of("/var/run/token"));

    static void check(DeploymentConfig deployment, Map<FunctionGroup, String> urls, Services services) {
        SplitSettingsCheck.check(deployment, new RemoteFunctions(deployment, new Split(urls), new ObjectMapper(),
                new Callers(null), new OwnServiceToken(services)), new ServiceTokens(services), new OwnServiceToken(services));
    }

    static String refusal(DeploymentConfig deployment, Map<FunctionGroup, String> urls, Services services) {
        return assertThrows(IllegalStateException.class, () -> check(deployment, urls, services)).getMessage();
    }

    @Test
    void allInOneNeedsNothing() {
        assertDoesNotThrow(() -> check(Serve.of(FunctionGroup.values()), Map.of(), NONE));
    }

    @Test
    void aGatewayMustReachEveryGroupItDoesNotServe() {
        Map<FunctionGroup, String> noLabs = Map.of(FunctionGroup.PODS, "http://onramp-pods", FunctionGroup.VMS,
                "http://onramp-vms");
        String message = refusal(Serve.of(FunctionGroup.GATEWAY, FunctionGroup.CODER), noLabs, GATEWAY_TOKEN);
        assertTrue(message.contains("ONRAMP_SPLIT_LABS_URL"), message);

        assertDoesNotThrow(() -> check(Serve.of(FunctionGroup.GATEWAY, FunctionGroup.LABS), noLabs, GATEWAY_TOKEN),
                "a group served here needs no URL");
    }

    @Test
    void urlsMustBeHttpAndTheGatewayNeedsItsToken() {
        Map<FunctionGroup, String> all = Map.of(FunctionGroup.PODS, "http://onramp-pods", FunctionGroup.VMS,
                "http://onramp-vms", FunctionGroup.LABS, "http://onramp-labs");
        DeploymentConfig gatewayOnly = Serve.of(FunctionGroup.GATEWAY);
        assertDoesNotThrow(() -> check(gatewayOnly, all, GATEWAY_TOKEN));
        String noToken = refusal(gatewayOnly, all, NONE);
        assertTrue(noToken.contains("ONRAMP_SERVICES_TOKEN_FILE"), noToken);

        Map<FunctionGroup, String> ftp = Map.of(FunctionGroup.PODS, "ftp://onramp-pods", FunctionGroup.VMS,
                "http://onramp-vms", FunctionGroup.LABS, "http://onramp-labs");
        assertTrue(refusal(gatewayOnly, ftp, GATEWAY_TOKEN).contains("ONRAMP_SPLIT_PODS_URL"));
        Map<FunctionGroup, String> broken = Map.of(FunctionGroup.PODS, "http://onramp pods", FunctionGroup.VMS,
                "http://onramp-vms", FunctionGroup.LABS, "http://onramp-labs");
        assertTrue(refusal(gatewayOnly, broken, GATEWAY_TOKEN).contains("ONRAMP_SPLIT_PODS_URL"));
    }

    @Test
    void aFunctionServiceMustBeAbleToVerifyServiceTokens() {
        DeploymentConfig labs = Serve.of(FunctionGroup.LABS);
        String message = refusal(labs, Map.of(), NONE);
        assertTrue(message.contains("ONRAMP_SERVICES_ISSUER"), message);
        assertFalse(message.contains("ONRAMP_SPLIT"), message);
        String badKey = refusal(labs, Map.of(), new Services(Optional.of("https://issuer"), Optional.of("nonsense"),
                Optional.empty()));
        assertTrue(badKey.contains("ONRAMP_SERVICES_PUBLIC_KEY"), badKey);
    }
}
