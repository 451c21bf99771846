package io.onramp.gateway.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every GraphQL request is checked against before it runs. */
@ConfigMapping(prefix = "onramp.graphql")
public interface GraphQLLimits {

    /** Deepest chain of nested fields (a root field is 1). */
    @WithDefault("12")
    int maxDepth();

    /** Most fields one request may select, fragments counted where used. */
    @WithDefault("400")
    int maxComplexity();
}
