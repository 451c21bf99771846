package io.onramp.core.testing;

import io.onramp.core.store.EmbeddedDatabase;

/** One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits. */
public final class TestDatabase {

    private static EmbeddedDatabase database;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase get() {
        if (database == null) {
            database = EmbeddedDatabase.ephemeral();
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        }
        return database;
    }
}
