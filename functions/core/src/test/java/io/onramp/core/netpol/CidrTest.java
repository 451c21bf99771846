package io.onramp.core.netpol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void ipv4() {
        Cidr c = Cidr.parse("10.0.0.0/8");
        assertTrue(c.contains(Cidr.parseAddress("10.255.255.255")));
        assertFalse(c.contains(Cidr.parseAddress("11.0.0.0")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.parseAddress("1.1.1.1")));
        assertTrue(Cidr.parse("1.1.1.1/32").contains(Cidr.parseAddress("1.1.1.1")));
        assertFalse(Cidr.parse("1.1.1.1/32").contains(Cidr.parseAddress("1.1.1.2")));
    }

    @Test
    void hostBitsAreMasked() {
        assertTrue(Cidr.parse("10.1.2.3/16").contains(Cidr.parseAddress("10.1.200.1")));
    }

    @Test
    void nesting() {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("169.254.0.0/16")));
        assertFalse(Cidr.parse("10.0.0.0/16").contains(Cidr.parse("10.0.0.0/8")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("::/0")));
    }

    @Test
    void ipv6() {
        Cidr c = Cidr.parse("fd00::/8");
        assertTrue(c.contains(Cidr.parseAddress("fd12:3456::1")));
        assertFalse(c.contains(Cidr.parseAddress("fe80::1")));
        assertFalse(c.contains(Cidr.parseAddress("10.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0/x", "localhost/32", "::/129",
            "1.2.3/8", "" })
    void invalidBlocksAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}
