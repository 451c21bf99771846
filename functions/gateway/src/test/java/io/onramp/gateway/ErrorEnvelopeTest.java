package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.stream.Stream;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input of every kind gets a typed error, never a 500, a stack trace or a Java class name. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ErrorEnvelopeTest {

    private static final String DEV = TestTokens.developer("alice");

    private static Matcher<String> noInternals() {
        return allOf(not(containsString("Exception")), not(containsString("at io.")), not(containsString("java.")),
                not(containsString("\tat ")));
    }

    static Stream<Arguments> garbageGraphQLBodies() {
        return Stream.of(
                Arguments.of("not JSON", "this is not json"),
                Arguments.of("truncated JSON", "{\"query\": \"{ me { username } }\""),
                Arguments.of("JSON array", "[1,2,3]"),
                Arguments.of("query is a number", "{\"query\": 5}"),
                Arguments.of("no query", "{\"variables\": {}}"),
                Arguments.of("empty object", "{}"),
                Arguments.of("variables not an object", "{\"query\": \"{ me { username } }\", \"variables\": 7}"),
                Arguments.of("binary", "\u0000\u0001\u0002\u00ff"));
    }

    @ParameterizedTest(name = "GraphQL body: {0}")
    @MethodSource("garbageGraphQLBodies")
    void garbageGraphQLBodiesGetTypedErrors(String why, String body) {
        given().header("Authorization", "Bearer " + DEV).contentType("application/json").body(body)
                .post("/graphql")
                .then()
                .statusCode(anyOf(is(200), is(400)))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body(noInternals());
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("syntax error", "{ me { username "),
                Arguments.of("unknown field", "{ me { password } }"),
                Arguments.of("unknown operation", "{ dropAllTables }"),
                Arguments.of("wrong argument type", "{ auditLog(first: \"many\") { nodes { id } } }"),
                Arguments.of("too deep", "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }"));
    }

    @ParameterizedTest(name = "GraphQL query: {0}")
    @MethodSource("badQueries")
    void badQueriesGetBadUserInput(String why, String query) {
        query(TestTokens.admin("root"), query)
                .statusCode(lessThan(500))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body(noInternals());
    }

    @Test
    void invalidCursorAndPageSizeAreBadUserInput() {
        query(TestTokens.admin("root"), "{ auditLog(after: \"garbage!\") { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].message", containsString("after"));
        query(TestTokens.admin("root"), "{ auditLog(first: 0) { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        query(TestTokens.admin("root"),
                "{ auditLog(from: \"2026-02-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\") { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void garbageOnAFunctionRouteIsBadUserInput() {
        given().header("Authorization", "Bearer " + TestTokens.admin("root")).contentType("application/json")
                .body("{not json").post("/auditLog")
                .then().statusCode(400).body("code", equalTo("BAD_USER_INPUT")).body(noInternals());
        function(TestTokens.admin("root"), "auditLog", Map.of("first", -3))
                .statusCode(400).body("code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void unknownRouteIsNotFound() {
        function(DEV, "noSuchFunction", Map.of()).statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void oversizedBodiesAreRefused() {
        String huge = "{\"query\": \"{ me { username } }\", \"pad\": \"" + "x".repeat(400_000) + "\"}";
        given().header("Authorization", "Bearer " + DEV).contentType("application/json").body(huge)
                .post("/graphql")
                .then().statusCode(anyOf(is(400), is(413)))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        given().header("Authorization", "Bearer " + DEV).contentType("application/json").body(huge)
                .post("/me")
                .then().statusCode(anyOf(is(400), is(413)))
                .body("code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void successfulAnswersCarryNoErrors() {
        query(DEV, "{ me { username } }").body("errors", nullValue());
    }
}
