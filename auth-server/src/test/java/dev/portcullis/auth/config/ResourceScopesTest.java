package dev.portcullis.auth.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second resource limited to some scopes ({@code portcullis.resource-scopes}), the first one unlimited. */
@QuarkusTest
@TestProfile(ResourceScopesTest.Profile.class)
class ResourceScopesTest {

    static final String FILES = "http://localhost:8081/files";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.resources", BrowserFlow.RESOURCE + "," + FILES,
                    "portcullis.resource-scopes", FILES + " mcp:tools notes:read");
        }
    }

    private static Map<String, String> authorizeFiles(String clientId, String verifier, String scope) {
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, verifier);
        params.put("resource", FILES);
        if (scope == null) {
            params.remove("scope");
        } else {
            params.put("scope", scope);
        }
        return params;
    }

    @Test
    void askingALimitedResourceForAScopeItDoesNotAcceptIsInvalidScopeAtTheRedirectUri() {
        String client = BrowserFlow.registerClient("files-app");
        var response = BrowserFlow.authorize(authorizeFiles(client, BrowserFlow.newVerifier(), "mcp:tools notes:write"));
        assertEquals(302, response.statusCode());
        Map<String, String> redirect = BrowserFlow.query(response.getHeader("Location"));
        assertEquals("invalid_scope", redirect.get("error"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
    }

    @Test
    void withoutAScopeTheTokenCarriesWhatTheResourceAccepts() throws Exception {
        String client = BrowserFlow.registerClient("files-app-default");
        String verifier = BrowserFlow.newVerifier();
        String code = BrowserFlow.approvedRedirect(authorizeFiles(client, verifier, null)).get("code");
        String token = given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", client).formParam("code", code)
                .formParam("redirect_uri", BrowserFlow.REDIRECT_WITH_PORT).formParam("code_verifier", verifier)
                .formParam("resource", FILES)
                .when().post("/token").then().statusCode(200).body("scope", equalTo("mcp:tools notes:read"))
                .extract().path("access_token");
        var claims = AccessTokenVerifier.verify(token, FILES).getJwtClaims();
        assertEquals(List.of(FILES), claims.getAudience());
        assertEquals("mcp:tools notes:read", claims.getStringClaimValue("scope"));
    }

    @Test
    void theUnlimitedResourceStillGrantsEveryScope() {
        String client = BrowserFlow.registerClient("mcp-app");
        String verifier = BrowserFlow.newVerifier();
        Map<String, String> params = BrowserFlow.authorizeParams(client, verifier);
        params.put("scope", "mcp:tools notes:write");
        String code = BrowserFlow.approvedRedirect(params).get("code");
        BrowserFlow.exchange(client, code, verifier).then().statusCode(200).body("scope", equalTo("mcp:tools notes:write"));
    }

    @Test
    void clientCredentialsAreLimitedToo() {
        JsonPath client = Registrations.register(Map.of("token_endpoint_auth_method", "client_secret_basic",
                "grant_types", List.of("client_credentials"), "scope", "mcp:tools notes:read notes:write"));
        var as = given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"));
        as.formParam("resource", FILES).formParam("scope", "notes:write").when().post("/token").then()
                .statusCode(400).body("error", equalTo("invalid_scope"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("resource", FILES).when().post("/token").then()
                .statusCode(200).body("scope", equalTo("mcp:tools notes:read"));
        // With two resources the request must say which one.
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_target"));
    }
}
