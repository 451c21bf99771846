package io.onramp.core.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;

class PageRequestTest {

    @Test
    void cursorsRoundTrip() {
        PageRequest page = PageRequest.of(10, PageRequest.encode(12345L));
        assertEquals(10, page.first());
        assertEquals(12345L, page.afterKey());
    }

    @Test
    void defaults() {
        PageRequest page = PageRequest.of(null, null);
        assertEquals(PageRequest.DEFAULT_SIZE, page.first());
        assertNull(page.afterKey());
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage!", "aGVsbG8", "azpub3RhbnVtYmVy", "%%%" })
    void foreignCursorsAreBadInput(String cursor) {
        OnrampException e = assertThrows(OnrampException.class, () -> PageRequest.of(5, cursor));
        assertEquals(ErrorCode.BAD_USER_INPUT, e.code());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, PageRequest.MAX_SIZE + 1 })
    void pageSizeIsBounded(int first) {
        assertEquals(ErrorCode.BAD_USER_INPUT, assertThrows(OnrampException.class, () -> PageRequest.of(first, null)).code());
    }
}
