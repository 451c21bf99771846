package io.onramp.gateway;

import static io.onramp.gateway.GraphQLClient.function;
import static io.onramp.gateway.GraphQLClient.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuthenticationTest {

    @Test
    void meAnswersTheDeveloperFromTheirToken() {
        query(TestTokens.developer("alice"), "{ me { username roles } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("alice"))
                .body("data.me.roles", contains("DEVELOPER"));
    }

    @Test
    void adminHasBothRoles() {
        query(TestTokens.admin("root"), "{ me { username roles } }")
                .body("data.me.username", equalTo("root"))
                .body("data.me.roles", containsInAnyOrder("ADMIN", "DEVELOPER"));
    }

    @Test
    void usernameFallsBackToSubject() {
        query(TestTokens.subjectOnly("bob-sub", TestTokens.DEVELOPER), "{ me { username } }")
                .body("data.me.username", equalTo("bob-sub"));
    }

    @Test
    void meWithoutTokenIsUnauthenticated() {
        query(null, "{ me { username } }")
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].message", notNullValue());
    }

    @Test
    void aboutIsOpen() {
        query(null, "{ about { version mode kubernetes exoscale } }")
                .body("errors", nullValue())
                .body("data.about.mode", equalTo("CLUSTER"))
                .body("data.about.kubernetes", equalTo("SANDBOX"))
                .body("data.about.exoscale", equalTo("CONFIGURED"))
                .body("data.about.version", notNullValue());
    }

    @Test
    void aTokenWithoutAnOnrampRoleIsForbidden() {
        query(TestTokens.token("mallory", "some-other-group"), "{ me { username } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("wrong issuer", TestTokens.wrongIssuer("eve")),
                Arguments.of("wrong audience", TestTokens.wrongAudience("eve")),
                Arguments.of("expired", TestTokens.expired("eve")),
                Arguments.of("untrusted key", TestTokens.foreignKey("eve")),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0} is refused on GraphQL, even for about")
    @MethodSource("badTokens")
    void badTokensAreRefusedOnGraphQL(String why, String token) {
        query(token, "{ about { version } }")
                .statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("data", nullValue());
    }

    @ParameterizedTest(name = "{0} is refused on a function route")
    @MethodSource("badTokens")
    void badTokensAreRefusedOnFunctionRoutes(String why, String token) {
        function(token, "me", null)
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("message", notNullValue());
    }

    @Test
    void nonBearerSchemeIsRefused() {
        given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").contentType("application/json")
                .body(Map.of("query", "{ me { username } }")).post("/graphql")
                .then().statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    /** Caller, operation, and what must happen — the same on GraphQL and on the function route. */
    static Stream<Arguments> matrix() {
        String dev = TestTokens.developer("alice");
        String admin = TestTokens.admin("root");
        String noRole = TestTokens.token("mallory", "unrelated");
        return Stream.of(
                Arguments.of("anonymous", null, "about", "OK"),
                Arguments.of("anonymous", null, "me", "UNAUTHENTICATED"),
                Arguments.of("anonymous", null, "auditLog", "UNAUTHENTICATED"),
                Arguments.of("developer", dev, "about", "OK"),
                Arguments.of("developer", dev, "me", "OK"),
                Arguments.of("developer", dev, "auditLog", "FORBIDDEN"),
                Arguments.of("no role", noRole, "me", "FORBIDDEN"),
                Arguments.of("no role", noRole, "auditLog", "FORBIDDEN"),
                Arguments.of("admin", admin, "about", "OK"),
                Arguments.of("admin", admin, "me", "OK"),
                Arguments.of("admin", admin, "auditLog", "OK"));
    }

    private static final Map<String, String> SELECTIONS = Map.of(
            "about", "{ about { version } }",
            "me", "{ me { username } }",
            "auditLog", "{ auditLog(first: 5) { nodes { id } pageInfo { hasNextPage } } }");

    private static final Map<String, Integer> STATUS = Map.of(
            "UNAUTHENTICATED", 401, "FORBIDDEN", 403);

    @ParameterizedTest(name = "GraphQL: {0} calling {2} -> {3}")
    @MethodSource("matrix")
    void graphQLAccessMatrix(String who, String token, String operation, String expected) {
        var response = query(token, SELECTIONS.get(operation)).statusCode(200);
        if (expected.equals("OK")) {
            response.body("errors", nullValue()).body("data." + operation, notNullValue());
        } else {
            response.body("errors[0].extensions.code", equalTo(expected)).body("data", nullValue());
        }
    }

    @ParameterizedTest(name = "function route: {0} calling {2} -> {3}")
    @MethodSource("matrix")
    void functionRouteAccessMatrix(String who, String token, String operation, String expected) {
        var response = function(token, operation, operation.equals("auditLog") ? Map.of("first", 5) : null);
        if (expected.equals("OK")) {
            response.statusCode(200).body("$", not(Map.of()));
        } else {
            response.statusCode(STATUS.get(expected)).body("code", equalTo(expected));
        }
    }

    @Test
    void refusalsAreAudited() {
        query(TestTokens.developer("snoopy"), "{ auditLog { nodes { id } } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        query(TestTokens.admin("root"), "{ auditLog(actor: \"snoopy\") { nodes { actor operation outcome at } } }")
                .body("errors", nullValue())
                .body("data.auditLog.nodes.size()", greaterThan(0))
                .body("data.auditLog.nodes[0].operation", equalTo("auditLog"))
                .body("data.auditLog.nodes[0].outcome", equalTo("DENIED"))
                .body("data.auditLog.nodes.actor", hasItem("snoopy"));
    }

    @Test
    void anonymousIntrospectionIsRefusedButSignedInWorks() {
        query(null, "{ __schema { queryType { name } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        query(TestTokens.developer("alice"), "{ __schema { queryType { name } } }")
                .body("errors", nullValue())
                .body("data.__schema.queryType.name", equalTo("Query"));
    }
}
