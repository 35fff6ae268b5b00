package dev.portcullis.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AuthorizationServerDownTest.Unreachable.class)
class AuthorizationServerDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // set directly too: the global FakeIssuer resource provides portcullis.authorization-servers
            return Map.of("portcullis.authorization-servers", "http://127.0.0.1:9",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:9",
                    "quarkus.oidc.token.issuer", "http://127.0.0.1:9",
                    "quarkus.oidc.connection-timeout", "PT1S");
        }
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @Test
    void requestWithoutTokenStillGetsTheDiscoveryChallenge() {
        Response response = McpTestSession.post(null, PING, null);
        assertEquals(401, response.statusCode(), response.asString());
        assertEquals("http://localhost:8080/.well-known/oauth-protected-resource/mcp",
                BearerChallenge.parse(response.getHeader("WWW-Authenticate")).resourceMetadata());
    }

    @Test
    void requestWithTokenGets503WithRetryAfterNot500() {
        Response response = McpTestSession.post("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", PING, null);
        assertEquals(503, response.statusCode(), response.asString());
        assertEquals("5", response.getHeader("Retry-After"));
        assertEquals("temporarily_unavailable", response.jsonPath().getString("error.data.error"));
    }

    @Test
    void metadataIsServedEvenWhileTheAuthorizationServerIsDown() {
        assertEquals(200, io.restassured.RestAssured.get("/.well-known/oauth-protected-resource/mcp").statusCode());
    }
}
