package io.onramp.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.onramp.core.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code graphql-schema/schema.graphql} is the published contract: the served schema must match it exactly.
 * {@code ./onramp schema} regenerates the file (it runs this test with {@code -DwriteSchema=true}).
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class SchemaContractTest {

    static final Path CONTRACT = Path.of("../../graphql-schema/schema.graphql");

    @Test
    void servedSchemaMatchesThePublishedContract() throws IOException {
        String served = given().header("Authorization", "Bearer " + TestTokens.developer("alice"))
                .get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString();
        String normalized = served.strip() + "\n";
        if (Boolean.getBoolean("writeSchema")) {
            Files.writeString(CONTRACT, normalized, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(CONTRACT), "graphql-schema/schema.graphql is missing; run ./onramp schema");
        String published = Files.readString(CONTRACT, StandardCharsets.UTF_8);
        assertEquals(published, normalized,
                "The served GraphQL schema differs from graphql-schema/schema.graphql, the published contract. "
                        + "If the change is intended, regenerate the file with: ./onramp schema");
    }

    @Test
    void schemaDocumentNeedsSignIn() {
        given().get("/graphql/schema.graphql").then().statusCode(401);
    }
}
