package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class LabFilesTest {

    @Test
    void keysAreValidUniqueAndPathsAreKept() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "read me");
        files.put(".tours/1-intro.tour", "{}");
        files.put("src/app/main.py", "print()");
        files.put("src_app/main.py", "other");
        files.put("dir with space/ümlaut.txt", "x");
        List<LabFiles.Entry> entries = LabFiles.entries(files);
        assertEquals(5, entries.size());
        assertEquals(".tours/1-intro.tour", entries.get(0).path(), "sorted by path");
        assertEquals(5, new HashSet<>(entries.stream().map(LabFiles.Entry::key).toList()).size());
        for (LabFiles.Entry e : entries) {
            assertTrue(e.key().matches("[-._a-zA-Z0-9]+") && e.key().length() <= 253, e.key());
            assertEquals(files.get(e.path()), e.content());
        }
        assertEquals("000_.tours_1-intro.tour", entries.get(0).key());
    }

    @Test
    void badPathsAreRejected() {
        for (String path : List.of("/etc/passwd", "../up", "a/../b", "a//b", "./a", "", "..data/x", "a\\b",
                "x/..hidden")) {
            OnrampException e = assertThrows(OnrampException.class, () -> LabFiles.entries(Map.of(path, "x")),
                    path);
            assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
        }
        assertThrows(OnrampException.class, () -> LabFiles.entries(Map.of("a", "file", "a/b", "inside")));
        assertThrows(OnrampException.class,
                () -> LabFiles.entries(Map.of("big", "x".repeat(LabFiles.MAX_TOTAL_BYTES + 1))));
    }

    @Test
    void checksumFollowsContent() {
        String a = LabFiles.checksum(Map.of("a", "1", "b", "2"));
        assertEquals(a, LabFiles.checksum(new LinkedHashMap<>(Map.of("b", "2", "a", "1"))));
        assertNotEquals(a, LabFiles.checksum(Map.of("a", "1", "b", "3")));
        assertNotEquals(LabFiles.checksum(Map.of("ab", "c")), LabFiles.checksum(Map.of("a", "bc")));
    }
}
