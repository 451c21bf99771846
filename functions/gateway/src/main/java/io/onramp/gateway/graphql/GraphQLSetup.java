package io.onramp.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.onramp.edge.auth.Callers;

import java.util.List;

/**
 * Adds {@link ErrorCodeInstrumentation} after SmallRye's own instrumentations (depth and complexity limits, query
 * cache), so that their errors get a code too.
 */
@ApplicationScoped
public class GraphQLSetup {

    private final Callers callers;

    public GraphQLSetup(Callers callers) {
        this.callers = callers;
    }

    GraphQL.Builder customize(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        return builder.instrumentation(new ChainedInstrumentation(List.of(existing, new ErrorCodeInstrumentation(callers))));
    }
}
