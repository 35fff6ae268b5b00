package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationResourceTest {

    private static ValidatableResponse register(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/register").then();
    }

    /** A loopback client with this one member besides its redirect URI is refused: 400 invalid_client_metadata. */
    private static void assertInvalidMetadata(String member, Object value) {
        register(Map.of("redirect_uris", List.of("http://127.0.0.1/cb"), member, value))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void publicClientWithLoopbackRedirectIsRegisteredWith201() {
        register(Map.of("client_name", "Test client", "redirect_uris", List.of("http://127.0.0.1/callback"),
                "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none"))
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("client_id", hasLength(32))
                .body("client_secret", nullValue())
                .body("client_id_issued_at", greaterThan(1_700_000_000))
                .body("client_name", equalTo("Test client"))
                .body("redirect_uris", contains("http://127.0.0.1/callback"))
                .body("grant_types", contains("authorization_code", "refresh_token"))
                .body("response_types", contains("code"))
                .body("token_endpoint_auth_method", equalTo("none"));
    }

    @Test
    void absentAuthMethodAndGrantTypesDefaultToNoneAndAuthorizationCode() {
        register(Map.of("redirect_uris", List.of("https://app.example/cb", "http://[::1]:8080/cb")))
                .statusCode(201)
                .body("token_endpoint_auth_method", equalTo("none"))
                .body("grant_types", contains("authorization_code"))
                .body("redirect_uris", contains("https://app.example/cb", "http://[::1]:8080/cb"));
    }

    @Test
    void twoRegistrationsGetDifferentClientIds() {
        Map<String, Object> body = Map.of("redirect_uris", List.of("http://localhost/cb"));
        String first = register(body).statusCode(201).extract().path("client_id");
        register(body).statusCode(201).body("client_id", not(equalTo(first)));
    }

    @Test
    void missingRedirectUrisIsInvalidRedirectUri() {
        register(Map.of("client_name", "x")).statusCode(400).body("error", equalTo("invalid_redirect_uri"));
    }

    @Test
    void relativeOrFragmentRedirectIsInvalidRedirectUri() {
        register(Map.of("redirect_uris", List.of("/callback"))).statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("redirect_uris", List.of("https://app.example/cb#frag"))).statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"));
    }

    @Test
    void nonLoopbackHttpRedirectIsInvalidRedirectUri() {
        register(Map.of("redirect_uris", List.of("http://app.example/callback"))).statusCode(400)
                .body("error", equalTo("invalid_redirect_uri"))
                .body("error_description", containsString("loopback"));
    }

    @Test
    void unknownAuthMethodIsInvalidClientMetadata() {
        assertInvalidMetadata("token_endpoint_auth_method", "tls_client_auth");
    }

    @Test
    void unsupportedGrantTypeIsInvalidClientMetadata() {
        assertInvalidMetadata("grant_types", List.of("implicit"));
    }

    @Test
    void unsupportedResponseTypeIsInvalidClientMetadata() {
        assertInvalidMetadata("response_types", List.of("token"));
    }

    @Test
    void unknownScopeIsInvalidClientMetadata() {
        assertInvalidMetadata("scope", "mcp:tools admin");
    }

    @Test
    void malformedJsonIsInvalidClientMetadataNotAServerError() {
        register("{\"redirect_uris\": [").statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void nonJsonContentTypeIs415WithAnOAuthErrorBody() {
        given().contentType(ContentType.TEXT).body("redirect_uris=x").when().post("/register").then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void wronglyTypedJsonIsInvalidClientMetadata() {
        register("{\"redirect_uris\": \"http://127.0.0.1/cb\", \"grant_types\": 7}").statusCode(400)
                .body("error", equalTo("invalid_client_metadata"));
        register("[]").statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }
}
