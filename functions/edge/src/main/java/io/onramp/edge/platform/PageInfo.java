package io.onramp.edge.platform;

/** Where a page ends and whether more follow; pass {@code endCursor} as {@code after} for the next page. */
public record PageInfo(String endCursor, @org.eclipse.microprofile.graphql.NonNull boolean hasNextPage) {
}
