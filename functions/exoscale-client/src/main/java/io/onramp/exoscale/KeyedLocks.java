package io.onramp.exoscale;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One fair lock per key, created on demand and dropped when nobody holds or waits for it. */
final class KeyedLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final Map<String, Entry> entries = new HashMap<>();

    <T> T withLock(String key, Supplier<T> action) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.users++;
        }
        entry.lock.lock();
        try {
            return action.get();
        } finally {
            entry.lock.unlock();
            synchronized (entries) {
                if (--entry.users == 0) {
                    entries.remove(key);
                }
            }
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
