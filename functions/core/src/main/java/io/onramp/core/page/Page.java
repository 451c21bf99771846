package io.onramp.core.page;

import java.util.List;

/** One page of a list, with the cursor to ask for the next one. */
public record Page<T>(List<T> items, String endCursor, boolean hasNextPage) {
}
