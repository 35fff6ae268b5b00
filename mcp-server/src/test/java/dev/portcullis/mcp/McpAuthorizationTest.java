package dev.portcullis.mcp;

import static dev.portcullis.testing.McpTestSession.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class McpAuthorizationTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";
    private static final String PRM_URL = "http://localhost:8080/.well-known/oauth-protected-resource/mcp";

    private static BearerChallenge challengeOf(Response response) {
        return BearerChallenge.parse(response.getHeader("WWW-Authenticate"));
    }

    @Test
    void requestWithoutTokenIsChallengedWithMetadataUrlAndScope() {
        Response response = post(null, INITIALIZE, null);
        assertEquals(401, response.statusCode());
        BearerChallenge challenge = challengeOf(response);
        assertEquals(PRM_URL, challenge.resourceMetadata());
        assertEquals("mcp:tools", challenge.scope());
        assertEquals(null, challenge.error(), "no error code when no token was sent (RFC 6750 §3.1)");
    }

    @Test
    void garbageTokenIsRefusedAsInvalidToken() {
        Response response = post("not-a-jwt", INITIALIZE, null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", challengeOf(response).error());
        assertEquals(PRM_URL, challengeOf(response).resourceMetadata());
    }

    @Test
    void tokenForAnotherResourceIsRefused() {
        Response response = post(Tokens.sign(Tokens.claims().audience("http://localhost:9999/other")), INITIALIZE, null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", challengeOf(response).error());
    }

    @Test
    void tokenWithoutAudienceIsRefused() {
        var claims = Tokens.claims();
        claims.remove("aud");
        assertEquals(401, post(Tokens.sign(claims), INITIALIZE, null).statusCode());
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        Response response = post(Tokens.sign(Tokens.claims().issuedAt(past).expiresAt(past.plusSeconds(60))), INITIALIZE, null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", challengeOf(response).error());
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        assertEquals(401, post(Tokens.sign(Tokens.claims().issuer("http://evil.example")), INITIALIZE, null).statusCode());
    }

    @Test
    void validTokenInitializesAndWhoamiReportsTheTokensIdentity() {
        String token = Tokens.valid();
        Response init = post(token, INITIALIZE, null);
        assertEquals(200, init.statusCode(), init.asString());
        String sessionId = init.getHeader("Mcp-Session-Id");
        assertEquals(true, sessionId != null && !sessionId.isBlank(), "a session id is issued");
        assertEquals(202, post(token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sessionId).statusCode());

        post(token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", sessionId)
                .then().statusCode(200)
                .body(allOf(containsString("\"whoami\""), containsString("\"echo\"")));

        post(token, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""", sessionId)
                .then().statusCode(200)
                .body(allOf(containsString("user: alice"),
                        containsString("subject: 7d0c3a52-4f0e-4b57-9d42-2a7c0b0f7a11"),
                        containsString("client_id: client-123"),
                        containsString("scopes: mcp:tools")));

        post(token, """
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi there"}}}""",
                sessionId)
                .then().statusCode(200)
                .body(containsString("hi there"), not(containsString("\"isError\":true")));
    }

    @Test
    void tokenInTheQueryStringIsRefusedEvenWhenValid() {
        Response response = given().contentType("application/json").accept("application/json, text/event-stream")
                .queryParam("access_token", Tokens.valid()).body(INITIALIZE).post("/mcp");
        assertEquals(401, response.statusCode());
        BearerChallenge challenge = challengeOf(response);
        assertEquals("invalid_token", challenge.error());
        assertEquals(PRM_URL, challenge.resourceMetadata());
        assertEquals("invalid_token", response.jsonPath().getString("error.data.error"));
    }

    @Test
    void malformedJsonWithAValidTokenGetsAJsonRpcParseError() {
        post(Tokens.valid(), "{not json", null).then().statusCode(200)
                .body("error.code", equalTo(-32700));
    }

    @Test
    void tokenSignedWithANewlyPublishedKeyIsAcceptedAfterRotation() throws Exception {
        io.restassured.path.json.JsonPath rotated = io.restassured.path.json.JsonPath.from(
                java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(Tokens.issuer() + "/rotate")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(java.net.URI.create(rotated.getString("key"))));
        java.security.PrivateKey key = io.smallrye.jwt.util.KeyUtils.decodePrivateKey(pem
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        String token = Tokens.claims().jws().keyId(rotated.getString("kid")).header("typ", "at+jwt").sign(key);
        Response init = post(token, INITIALIZE, null);
        assertEquals(200, init.statusCode(), "the unknown kid makes the server fetch the JWKS again");
    }

    @Test
    void whoamiNamesTheClientFromAzpWhenTheServerDoesNotSetClientId() {
        var claims = Tokens.claims().claim("azp", "keycloak-client");
        claims.remove("client_id");
        McpTestSession session = McpTestSession.open(Tokens.sign(claims));
        session.call("whoami", "{}").then().statusCode(200).body(containsString("client_id: keycloak-client"));
    }

    @Test
    void tokenWithAnUnpublishedKeyIdIsRefused() {
        String token = Tokens.claims().jws().keyId("no-such-key").header("typ", "at+jwt").sign();
        Response response = post(token, INITIALIZE, null);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_token", challengeOf(response).error());
    }

    @Test
    void pathAwareMetadataDescribesThisResource() {
        given().get("/.well-known/oauth-protected-resource/mcp").then()
                .statusCode(200)
                .contentType("application/json")
                .body("resource", equalTo("http://localhost:8080/mcp"))
                .body("authorization_servers[0]", equalTo(Tokens.issuer()))
                .body("scopes_supported", equalTo(java.util.List.of("mcp:tools")))
                .body("bearer_methods_supported", equalTo(java.util.List.of("header")))
                .body("resource_name", equalTo("Portcullis MCP server"));
    }

    @Test
    void rootMetadataIsServedTooWithoutAToken() {
        given().get("/.well-known/oauth-protected-resource").then()
                .statusCode(200)
                .body("resource", equalTo("http://localhost:8080/mcp"));
    }
}
