package dev.portcullis.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9068 §4: only {@code typ: at+jwt} access tokens; and only a few seconds of clock skew after {@code exp}. */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class TokenTypeAndExpiryTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PRM_URL = "http://localhost:8080/.well-known/oauth-protected-resource/mcp";

    private static void assertRefusedAsInvalidToken(String token, String why) {
        Response response = McpTestSession.post(token, PING, null);
        assertEquals(401, response.statusCode(), why + ": " + response.asString());
        BearerChallenge challenge = BearerChallenge.parse(response.getHeader("WWW-Authenticate"));
        assertEquals("invalid_token", challenge.error(), why);
        assertEquals(PRM_URL, challenge.resourceMetadata(), why);
        assertEquals("invalid_token", response.jsonPath().getString("error.data.error"), why);
        assertFalse(response.asString().contains("Exception"), "no class names: " + response.asString());
    }

    @Test
    void tokensWhoseTypIsNotAtJwtAreRefused() {
        assertRefusedAsInvalidToken(Tokens.signWithType(Tokens.claims(), "JWT"), "typ JWT");
        assertRefusedAsInvalidToken(Tokens.signWithType(Tokens.claims(), "id_token+jwt"), "typ id_token+jwt");
        assertRefusedAsInvalidToken(Tokens.signWithType(Tokens.claims(), "application/jwt"), "typ application/jwt");
        assertRefusedAsInvalidToken(Tokens.signWithType(Tokens.claims(), null), "no typ");
    }

    @Test
    void atJwtIsAcceptedInEveryForm() {
        for (String typ : new String[] {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"}) {
            assertEquals(200, McpTestSession.post(Tokens.signWithType(Tokens.claims(), typ), PING, null).statusCode(), typ);
        }
    }

    @Test
    void tokenExpiredTenSecondsAgoIsRefused() {
        Instant now = Instant.now();
        // with the former 30 s grace this token was still accepted
        assertRefusedAsInvalidToken(Tokens.sign(Tokens.claims().issuedAt(now.minusSeconds(300)).expiresAt(now.minusSeconds(10))),
                "expired 10 s ago");
    }

    @Test
    void tokenExpiredASecondAgoIsStillAcceptedAsClockSkew() {
        Instant now = Instant.now();
        String token = Tokens.sign(Tokens.claims().issuedAt(now.minusSeconds(300)).expiresAt(now.minusSeconds(1)));
        assertEquals(200, McpTestSession.post(token, PING, null).statusCode());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsSkewHasPassed() throws InterruptedException {
        Instant now = Instant.now();
        String token = Tokens.sign(Tokens.claims().issuedAt(now.minusSeconds(300)).expiresAt(now.plusSeconds(1)));
        assertEquals(200, McpTestSession.post(token, PING, null).statusCode(), "verified and remembered");
        Thread.sleep(7_000); // exp + 5 s grace + a second of margin
        assertRefusedAsInvalidToken(token, "remembered token past exp + grace");
    }
}
