package io.onramp.gateway.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.onramp.core.auth.Caller;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.http.Failures;

/**
 * Gives every GraphQL error exactly one {@code extensions.code} from Onramp's fixed set and a message a person can
 * act on: Onramp errors keep theirs; syntax, validation, depth and complexity errors become BAD_USER_INPUT; anything
 * unexpected becomes INTERNAL, logged here and never shown with a stack trace or class name. It also keeps
 * introspection for signed-in callers: anonymous requests may ask for {@code about} only.
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(ErrorCodeInstrumentation.class);

    private final Callers callers;

    public ErrorCodeInstrumentation(Callers callers) {
        this.callers = callers;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        String field = parameters.getExecutionStepInfo().getField().getName();
        boolean root = parameters.getExecutionStepInfo().getPath().getLevel() == 1;
        if (root && (field.equals("__schema") || field.equals("__type"))) {
            return environment -> {
                Caller caller = callers.current();
                if (!caller.authenticated()) {
                    throw OnrampException.unauthenticated("Sign in to read the schema: send 'Authorization: Bearer <token>'.");
                }
                return dataFetcher.get(environment);
            };
        }
        return dataFetcher;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        for (GraphQLError error : result.getErrors()) {
            errors.add(withCode(error));
        }
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(errors)
                .build());
    }

    static GraphQLError withCode(GraphQLError error) {
        ErrorCode code;
        String message;
        if (error instanceof ExceptionWhileDataFetching fetching) {
            OnrampException known = Failures.find(fetching.getException());
            if (known != null) {
                code = known.code();
                message = known.getMessage();
            } else {
                LOG.errorf(fetching.getException(), "Unexpected failure in GraphQL field %s", fetching.getPath());
                code = ErrorCode.INTERNAL;
                message = "Something went wrong on our side; it has been logged.";
            }
        } else {
            code = ErrorCode.BAD_USER_INPUT;
            message = error.getMessage();
        }
        return new OnrampGraphQLError(readable(message), error.getLocations(), error.getPath(), code);
    }

    /** graphql-java and SmallRye put AST class names and internal ids into some messages; keep what a person needs. */
    static String readable(String message) {
        if (message == null) {
            return "The request is not valid.";
        }
        return message
                .replaceAll("\\b\\w+Value\\{value='([^']*)'\\}", "'$1'")
                .replaceAll("\\s*-?\\s*SRGQL\\d+:.*$", "")
                .replaceAll("\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*", "")
                .strip();
    }
}
