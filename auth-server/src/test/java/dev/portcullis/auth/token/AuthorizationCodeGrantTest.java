package dev.portcullis.auth.token;

import static dev.portcullis.auth.support.BrowserFlow.RESOURCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import dev.portcullis.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationCodeGrantTest {

    @Inject
    MutableClock clock;

    private String clientId;
    private String verifier;

    @BeforeEach
    void setUp() {
        clientId = BrowserFlow.registerClient("Token Test App");
        verifier = BrowserFlow.newVerifier();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void codeExchangeIssuesASignedAccessTokenAndARefreshToken() throws Exception {
        String code = BrowserFlow.code(clientId, verifier);
        Response response = BrowserFlow.exchange(clientId, code, verifier);
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("mcp:tools notes:read"))
                .body("refresh_token", hasLength(43));

        String accessToken = response.path("access_token");
        JwtContext verified = AccessTokenVerifier.verify(accessToken, RESOURCE);
        JwtClaims claims = verified.getJwtClaims();
        assertEquals("at+jwt", verified.getJoseObjects().get(0).getHeader("typ"));
        assertEquals("RS256", verified.getJoseObjects().get(0).getAlgorithmHeaderValue());
        assertNotNull(verified.getJoseObjects().get(0).getKeyIdHeaderValue());
        assertEquals(BrowserFlow.ISSUER, claims.getIssuer());
        assertEquals(RESOURCE, claims.getClaimValue("aud"), "aud is a single string");
        assertEquals(clientId, claims.getStringClaimValue("client_id"));
        assertEquals("mcp:tools notes:read", claims.getStringClaimValue("scope"));
        assertEquals("alice", claims.getStringClaimValue("preferred_username"));
        String aliceId = QuarkusTransaction.requiringNew().call(() -> User.findByUsername("alice").orElseThrow().id.toString());
        assertEquals(aliceId, claims.getSubject());
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getClaimValue("auth_time"));
        assertTrue(claims.getJwtId().length() >= 16);
    }

    @Test
    void accessTokenDoesNotVerifyForAnotherAudience() {
        String code = BrowserFlow.code(clientId, verifier);
        String accessToken = BrowserFlow.exchange(clientId, code, verifier).path("access_token");
        assertThrows(InvalidJwtException.class, () -> AccessTokenVerifier.verify(accessToken, "http://other.example/mcp"));
    }

    @Test
    void clientWithoutRefreshGrantGetsNoRefreshToken() {
        String plainClient = BrowserFlow.registerClient("No refresh", List.of("authorization_code"));
        String code = BrowserFlow.code(plainClient, verifier);
        BrowserFlow.exchange(plainClient, code, verifier).then().statusCode(200)
                .body("refresh_token", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void wrongVerifierIsInvalidGrant() {
        String code = BrowserFlow.code(clientId, verifier);
        BrowserFlow.exchange(clientId, code, BrowserFlow.newVerifier()).then().statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void wrongRedirectUriIsInvalidGrant() {
        String code = BrowserFlow.code(clientId, verifier);
        exchange(code, verifier, "http://127.0.0.1:1111/callback", RESOURCE).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void differentResourceIsInvalidTarget() {
        String code = BrowserFlow.code(clientId, verifier);
        exchange(code, verifier, BrowserFlow.REDIRECT_WITH_PORT, "http://other.example/mcp").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
    }

    @Test
    void codeOfAnotherClientIsInvalidGrant() {
        String code = BrowserFlow.code(clientId, verifier);
        String other = BrowserFlow.registerClient("Other");
        BrowserFlow.exchange(other, code, verifier).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void unknownCodeIsInvalidGrant() {
        BrowserFlow.exchange(clientId, "not-a-code", verifier).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void expiredCodeIsInvalidGrant() {
        String code = BrowserFlow.code(clientId, verifier);
        clock.advance(Duration.ofSeconds(61));
        BrowserFlow.assertInvalidGrant(BrowserFlow.exchange(clientId, code, verifier), "The authorization code has expired");
    }

    @Test
    void replayedCodeIsInvalidGrantAndRevokesTheRefreshTokenItProduced() {
        String code = BrowserFlow.code(clientId, verifier);
        String refreshToken = BrowserFlow.exchange(clientId, code, verifier).then().statusCode(200)
                .extract().path("refresh_token");

        BrowserFlow.assertInvalidGrant(BrowserFlow.exchange(clientId, code, verifier), "The authorization code has already been used");
        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, refreshToken), "The refresh token has been revoked");
    }

    @Test
    void missingCodeVerifierIsInvalidRequest() {
        String code = BrowserFlow.code(clientId, verifier);
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId)
                .formParam("code", code)
                .formParam("redirect_uri", BrowserFlow.REDIRECT_WITH_PORT)
                .when().post("/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("code_verifier is required"));
    }

    @Test
    void missingCodeAndRedirectUriAreInvalidRequest() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId)
                .when().post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    private Response exchange(String code, String codeVerifier, String redirectUri, String resource) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId)
                .formParam("code", code)
                .formParam("redirect_uri", redirectUri)
                .formParam("code_verifier", codeVerifier)
                .formParam("resource", resource)
                .when().post("/token");
    }
}
