package io.onramp.core.netpol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class TruthTableTest {

    static final Endpoint A = Endpoint.pod("x", "a");
    static final Endpoint B = Endpoint.pod("x", "b");
    static final Endpoint NET = Endpoint.external("internet", "1.1.1.1");
    static final Endpoint META = Endpoint.external("metadata", "169.254.169.254");
    static final List<Endpoint> ALL = List.of(A, B, NET, META);

    @Test
    void cellsBetweenExternalsAreNotApplicable() {
        TruthTable t = TruthTable.allowAll(ALL);
        assertNull(t.get(NET, META));
        assertEquals(true, t.get(NET, A));
        assertThrows(IllegalArgumentException.class, () -> t.set(NET, META, false));
    }

    @Test
    void rowAndColumnSetters() {
        TruthTable t = TruthTable.allowAll(ALL).ingressTo(A, false).allowLoopback();
        assertEquals(true, t.get(A, A));
        assertEquals(false, t.get(B, A));
        assertEquals(false, t.get(NET, A));
        assertEquals(true, t.get(A, B));
        t.egressFrom(B, false);
        assertEquals(false, t.get(B, NET));
        assertNull(t.get(META, NET));
    }

    @Test
    void differencesNameTheCells() {
        TruthTable expected = TruthTable.allowAll(ALL);
        TruthTable actual = TruthTable.allowAll(ALL).set(B, A, false);
        assertNotEquals(expected, actual);
        assertEquals(List.of("x/b -> x/a: expected allowed, got denied"), actual.differences(expected));
        assertEquals(List.of(), expected.differences(TruthTable.allowAll(ALL)));
    }

    @Test
    void format() {
        TruthTable t = TruthTable.of(List.of(A, B), List.of(A, B, NET), true).set(A, B, false);
        assertEquals("""
                    x/a x/b internet(1.1.1.1)
                x/a .   X   .
                x/b .   .   .
                """, t.format());
    }

    @Test
    void endpointsValidateTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(Endpoint.Kind.POD, "x", "a", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.external("bad", "not-an-ip"));
        assertThrows(NullPointerException.class, () -> Endpoint.pod(null, "a"));
        assertEquals("x/a", A.toString());
        assertEquals("internet(1.1.1.1)", NET.toString());
    }
}
