package io.onramp.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.onramp.core.page.Page;
import io.onramp.core.page.PageRequest;
import io.onramp.core.testing.TestDatabase;

/** The audit store against a real PostgreSQL with the real migrations. */
class AuditLogStoreTest {

    static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.get().jdbcUrl());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @Test
    void recordsAndFiltersByTimeWindow() {
        String actor = "clock-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        new AuditLog(dataSource, Clock.fixed(t0, ZoneOffset.UTC)).record(actor, "a", "x", Outcome.SUCCESS, null);
        new AuditLog(dataSource, Clock.fixed(t0.plusSeconds(3600), ZoneOffset.UTC)).record(actor, "b", "x", Outcome.FAILED, "d");
        AuditLog audit = new AuditLog(dataSource, Clock.systemUTC());

        Page<AuditEntry> all = audit.find(new AuditQuery(actor, null, null, null, PageRequest.of(10, null)));
        assertEquals(List.of("b", "a"), all.items().stream().map(AuditEntry::operation).toList());
        assertFalse(all.hasNextPage());
        assertEquals(Outcome.FAILED, all.items().get(0).outcome());
        assertEquals("d", all.items().get(0).detail());

        Page<AuditEntry> early = audit.find(new AuditQuery(actor, null, t0, t0.plusSeconds(60), PageRequest.of(10, null)));
        assertEquals(List.of("a"), early.items().stream().map(AuditEntry::operation).toList());
    }

    @Test
    void longValuesAreClippedNotRejected() {
        String actor = "long-" + UUID.randomUUID();
        AuditLog audit = new AuditLog(dataSource, Clock.systemUTC());
        audit.record(actor, "op", "t", Outcome.SUCCESS, "x".repeat(5000));
        AuditEntry entry = audit.find(new AuditQuery(actor, null, null, null, PageRequest.of(1, null))).items().get(0);
        assertTrue(entry.detail().length() <= 1000);
    }
}
