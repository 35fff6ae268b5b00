package dev.portcullis.auth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientCredentialsGrantTest {

    private static RequestSpecification as(JsonPath client) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"));
    }

    @Test
    void confidentialClientGetsAnAccessTokenForTheResourceWithoutARefreshToken() throws Exception {
        JsonPath client = Registrations.register(Map.of("token_endpoint_auth_method", "client_secret_basic",
                "grant_types", List.of("client_credentials"), "scope", "notes:read notes:write"));
        String token = as(client).formParam("resource", BrowserFlow.RESOURCE).formParam("scope", "notes:read")
                .when().post("/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("notes:read"))
                .body("refresh_token", nullValue())
                .extract().path("access_token");
        JwtClaims claims = AccessTokenVerifier.claims(token);
        assertEquals(client.getString("client_id"), claims.getSubject());
        assertEquals(client.getString("client_id"), claims.getStringClaimValue("client_id"));
        assertEquals(List.of(BrowserFlow.RESOURCE), claims.getAudience());
        assertNull(claims.getClaimValue("preferred_username"));
    }

    @Test
    void withoutScopeTheRegisteredScopeIsGrantedAndWithoutResourceTheOnlyResource() throws Exception {
        JsonPath client = Registrations.register(Map.of("token_endpoint_auth_method", "client_secret_post",
                "grant_types", List.of("client_credentials"), "scope", "mcp:tools"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.getString("client_id"))
                .formParam("client_secret", client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).body("scope", equalTo("mcp:tools"));
    }

    @Test
    void scopeBeyondTheRegisteredOneIsInvalidScope() {
        JsonPath client = Registrations.register(Map.of("token_endpoint_auth_method", "client_secret_basic",
                "grant_types", List.of("client_credentials"), "scope", "notes:read"));
        as(client).formParam("scope", "notes:write").when().post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        as(client).formParam("scope", "offline_access").when().post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        as(client).formParam("scope", "unknown").when().post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void unknownResourceIsInvalidTarget() {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        as(client).formParam("resource", "https://evil.example/mcp").when().post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
    }

    @Test
    void aClientNotRegisteredForTheGrantIsUnauthorizedClient() {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("authorization_code"));
        as(client).when().post("/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void aPublicClientCannotRegisterOrUseTheGrant() {
        given().contentType(ContentType.JSON).body(Map.of("token_endpoint_auth_method", "none",
                        "grant_types", List.of("client_credentials")))
                .when().post("/register").then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
        String publicClient = BrowserFlow.registerClient("Public");
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", publicClient)
                .when().post("/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }
}
