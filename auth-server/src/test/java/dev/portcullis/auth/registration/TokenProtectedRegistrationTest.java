package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

/** Registration mode {@code token}, ES256 signing keys and a low token rate limit, in one restart. */
@QuarkusTest
@TestProfile(TokenProtectedRegistrationTest.Profile.class)
class TokenProtectedRegistrationTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.registration.mode", "token",
                    "portcullis.registration.initial-access-token", "let-me-register",
                    "portcullis.keys.algorithm", "ES256",
                    "portcullis.rate-limit.token-per-second", "3",
                    "portcullis.rate-limit.register-per-minute", "100");
        }
    }

    private static final Map<String, Object> METADATA = Map.of("redirect_uris", List.of(BrowserFlow.REDIRECT_URI),
            "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none");

    @Test
    void aScopeBeyondWhatAVouchedRegistrationNamesIsInvalidScope() {
        Map<String, Object> metadata = new java.util.HashMap<>(METADATA);
        metadata.put("scope", "notes:read");
        String clientId = given().contentType(ContentType.JSON).auth().oauth2("let-me-register").body(metadata)
                .when().post("/register").then().statusCode(201).extract().path("client_id");
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier());
        params.put("scope", "notes:read notes:write");
        var response = given().redirects().follow(false).queryParams(params).when().get("/authorize");
        assertEquals(302, response.statusCode());
        assertEquals("invalid_scope", BrowserFlow.query(response.getHeader("Location")).get("error"));
        params.put("scope", "notes:read");
        assertEquals(200, given().redirects().follow(false).queryParams(params).when().get("/authorize").statusCode());
    }

    @Test
    void withTheInitialAccessTokenRegistrationSucceeds() {
        given().contentType(ContentType.JSON).auth().oauth2("let-me-register").body(METADATA)
                .when().post("/register").then().statusCode(201);
    }

    @Test
    void withoutOrWithAWrongTokenItIs401InvalidTokenAndNothingIsStored() {
        long before = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> dev.portcullis.auth.client.Client.count());
        given().contentType(ContentType.JSON).body(METADATA).when().post("/register").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).body("error", equalTo("invalid_token"));
        given().contentType(ContentType.JSON).auth().oauth2("wrong").body(METADATA).when().post("/register")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
        long after = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> dev.portcullis.auth.client.Client.count());
        assertEquals(before, after);
    }

    @Test
    void beyondTheTokenRateLimitRequestsGet429WithRetryAfterAndAnOAuthBody() {
        boolean limited = false;
        for (int i = 0; i < 10 && !limited; i++) {
            var response = given().contentType(ContentType.URLENC).formParam("grant_type", "password").when().post("/token");
            if (response.statusCode() == 429) {
                limited = true;
                response.then().header("Retry-After", "1").body("error", equalTo("temporarily_unavailable"));
            } else {
                response.then().statusCode(400);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(limited);
        try {
            Thread.sleep(1100); // leave the window, so that other tests here are not limited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void es256IsConfigurableAndItsTokensVerifyThroughTheJwks() throws Exception {
        given().get("/jwks").then().body("keys.find { it.alg == 'ES256' }.kty", equalTo("EC")).body("keys.find { it.alg == 'ES256' }.crv", equalTo("P-256"))
                .body("keys.find { it.alg == 'ES256' }.alg", equalTo("ES256"));
        String clientId = given().contentType(ContentType.JSON).auth().oauth2("let-me-register").body(METADATA)
                .when().post("/register").then().statusCode(201).extract().path("client_id");
        String token = BrowserFlow.tokens(clientId).getString("access_token");
        assertEquals("ES256", JsonWebStructure.fromCompactSerialization(token).getAlgorithmHeaderValue());
        AccessTokenVerifier.verify(token, BrowserFlow.RESOURCE);
        given().get("/.well-known/openid-configuration").then().body("id_token_signing_alg_values_supported[0]", equalTo("ES256"));
    }
}
