package io.onramp.gateway;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Real GraphQL over HTTP with REST Assured. */
final class GraphQLClient {

    private GraphQLClient() {
    }

    static ValidatableResponse query(String token, String query) {
        return query(token, query, Map.of());
    }

    static ValidatableResponse query(String token, String query, Map<String, Object> variables) {
        return request(token).body(Map.of("query", query, "variables", variables)).post("/graphql").then();
    }

    static ValidatableResponse function(String token, String name, Object body) {
        RequestSpecification spec = request(token);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post("/" + name).then();
    }

    static RequestSpecification request(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON).accept(ContentType.JSON);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }
}
