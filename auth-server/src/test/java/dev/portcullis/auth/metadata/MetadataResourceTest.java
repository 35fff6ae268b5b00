package dev.portcullis.auth.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetadataResourceTest {

    private static final String ISSUER = "http://localhost:9000";

    @Test
    void oauthMetadataDerivesEveryEndpointFromTheIssuer() {
        ValidatableResponse response = given().when().get("/.well-known/oauth-authorization-server").then()
                .statusCode(200).contentType("application/json");
        assertCommonMembers(response);
        response.body("subject_types_supported", nullValue())
                .body("id_token_signing_alg_values_supported", nullValue());
    }

    @Test
    void openIdConfigurationAddsTheRequiredOidcMembers() {
        ValidatableResponse response = given().when().get("/.well-known/openid-configuration").then()
                .statusCode(200).contentType("application/json");
        assertCommonMembers(response);
        response.body("subject_types_supported", contains("public"))
                .body("id_token_signing_alg_values_supported", contains("RS256"));
    }

    private static void assertCommonMembers(ValidatableResponse response) {
        response.body("issuer", equalTo(ISSUER))
                .body("authorization_endpoint", equalTo(ISSUER + "/authorize"))
                .body("token_endpoint", equalTo(ISSUER + "/token"))
                .body("registration_endpoint", equalTo(ISSUER + "/register"))
                .body("jwks_uri", equalTo(ISSUER + "/jwks"))
                .body("scopes_supported", containsInAnyOrder("mcp:tools", "notes:read", "notes:write", "offline_access"))
                .body("response_types_supported", contains("code"))
                .body("grant_types_supported", contains("authorization_code", "refresh_token", "client_credentials"))
                .body("token_endpoint_auth_methods_supported",
                        contains("none", "client_secret_basic", "client_secret_post", "private_key_jwt"))
                .body("token_endpoint_auth_signing_alg_values_supported", hasItems("RS256", "ES256", "EdDSA"))
                .body("introspection_endpoint_auth_methods_supported", not(hasItem("none")))
                .body("code_challenge_methods_supported", contains("S256"))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("revocation_endpoint", equalTo(ISSUER + "/revoke"))
                .body("introspection_endpoint", equalTo(ISSUER + "/introspect"))
                .body("client_id_metadata_document_supported", equalTo(true));
    }

    @Test
    void readinessIncludesTheDatasourceCheck() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", contains("Database connections health check"));
    }
}
