package io.onramp.gateway.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.onramp.core.error.ErrorCode;
import io.onramp.edge.http.ErrorResponses;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks a GraphQL request before SmallRye runs it, so that every malformed request gets a typed
 * {@code BAD_USER_INPUT} error instead of a bare message or a 500: the body must be a JSON object with a string
 * {@code query} (or an {@code application/graphql} body), optional object {@code variables} and string
 * {@code operationName}; the query must parse and stay within the depth and size limits.
 */
@ApplicationScoped
public class GraphQLRequestGuard {

    private final int maxDepth;
    private final int maxFields;
    private final int maxTokens;
    private final long maxBody;

    public GraphQLRequestGuard(
            GraphQLLimits limits,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "5000") int maxTokens,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "256K") MemorySize maxBody) {
        this.maxDepth = limits.maxDepth();
        this.maxFields = limits.maxComplexity();
        this.maxTokens = maxTokens;
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.post("/graphql").order(-900).handler(BodyHandler.create(false).setBodyLimit(maxBody));
        router.post("/graphql").order(-899).handler(this::check);
    }

    void check(RoutingContext rc) {
        String problem = problem(rc);
        if (problem == null) {
            rc.next();
        } else {
            rc.response().setStatusCode(400)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(ErrorResponses.graphQLBody(ErrorCode.BAD_USER_INPUT, problem));
        }
    }

    String problem(RoutingContext rc) {
        String contentType = rc.request().getHeader("Content-Type");
        String query;
        if (contentType != null && contentType.toLowerCase().startsWith("application/graphql")) {
            query = rc.body().asString();
        } else {
            JsonObject body;
            try {
                body = rc.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                return "The request body must be a JSON object like {\"query\": \"{ me { username } }\"}.";
            }
            if (body == null) {
                return "The request body is empty; send {\"query\": \"...\"}.";
            }
            Object rawQuery = body.getValue("query");
            if (!(rawQuery instanceof String text)) {
                return "'query' must be a string holding a GraphQL document.";
            }
            query = text;
            Object variables = body.getValue("variables");
            if (variables != null && !(variables instanceof JsonObject)) {
                return "'variables' must be a JSON object.";
            }
            Object operationName = body.getValue("operationName");
            if (operationName != null && !(operationName instanceof String)) {
                return "'operationName' must be a string.";
            }
        }
        if (query == null || query.isBlank()) {
            return "'query' is empty.";
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(maxTokens)))
                    .build());
        } catch (InvalidSyntaxException e) {
            return "The query is not valid GraphQL: " + ErrorCodeInstrumentation.readable(e.getMessage());
        } catch (RuntimeException e) {
            return "The query is not valid GraphQL (it may be too long).";
        }
        QueryShape shape = QueryShape.of(document);
        if (shape.depth() > maxDepth) {
            return "The query is nested " + shape.depth() + " levels deep; the limit is " + maxDepth + ".";
        }
        if (shape.fields() > maxFields) {
            return "The query selects " + shape.fields() + " fields; the limit is " + maxFields + ".";
        }
        return null;
    }
}
