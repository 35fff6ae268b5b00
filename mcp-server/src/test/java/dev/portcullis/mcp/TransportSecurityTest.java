package dev.portcullis.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every MCP transport path answers to requests that must not get through: sessions of another principal,
 * tokens offered twice, the legacy SSE transport (absent by default), and the bodies of every refusal.
 */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class TransportSecurityTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
    private static final String PRM_URL = "http://localhost:8080/.well-known/oauth-protected-resource/mcp";

    private static String tokenFor(String subject, String client, String scopes) {
        return Tokens.sign(Tokens.claims().subject(subject).claim("client_id", client).claim("scope", scopes));
    }

    private static void assertJsonRpcError(Response response, int status, int code) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/json"),
                "content type " + response.contentType() + ", headers " + response.headers() + ", body " + response.asString());
        JsonPath body = JsonPath.from(response.asString());
        assertEquals("2.0", body.getString("jsonrpc"), response.asString());
        assertEquals(code, body.getInt("error.code"), response.asString());
        assertFalse(body.getString("error.message").isBlank());
        assertFalse(response.asString().contains("Exception") || response.asString().contains("io.quarkus"),
                "no class names: " + response.asString());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder mcp(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/mcp" + query))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(PING));
    }

    // ---- 4: sessions are bound to the principal that opened them ----

    @Test
    void anotherUsersTokenCannotUseReadOrDeleteASession() {
        String alice = tokenFor(UUID.randomUUID().toString(), "client-123", "mcp:tools notes:write");
        String bob = tokenFor(UUID.randomUUID().toString(), "client-123", "mcp:tools notes:write");
        McpTestSession aliceSession = McpTestSession.open(alice);
        String id = aliceSession.sessionId();

        assertJsonRpcError(McpTestSession.post(bob, PING, id), 404, -32001);
        Response stream = given().header("Authorization", "Bearer " + bob).header("Mcp-Session-Id", id)
                .accept("text/event-stream").get("/mcp");
        assertJsonRpcError(stream, 404, -32001);
        Response delete = given().header("Authorization", "Bearer " + bob).header("Mcp-Session-Id", id).delete("/mcp");
        assertJsonRpcError(delete, 404, -32001);
        assertEquals("Session not found", delete.jsonPath().getString("error.message"), "same answer as an unknown session");
        assertEquals(McpTestSession.post(bob, PING, "no-such-session").asString().replace("\"id\":7", ""),
                McpTestSession.post(bob, PING, id).asString().replace("\"id\":7", ""), "existence is not revealed");

        aliceSession.send("ping", "{}").then().statusCode(200).body("result", equalTo(java.util.Map.of()));
    }

    @Test
    void theSameUserThroughAnotherClientCannotUseTheSession() {
        String subject = UUID.randomUUID().toString();
        McpTestSession session = McpTestSession.open(tokenFor(subject, "client-a", "mcp:tools"));
        assertJsonRpcError(McpTestSession.post(tokenFor(subject, "client-b", "mcp:tools"), PING, session.sessionId()), 404, -32001);
    }

    @Test
    void theOwnerWithAFreshTokenKeepsTheSessionAndCanEndIt() {
        String subject = UUID.randomUUID().toString();
        McpTestSession session = McpTestSession.open(tokenFor(subject, "client-a", "mcp:tools"));
        String refreshed = tokenFor(subject, "client-a", "mcp:tools");
        McpTestSession.post(refreshed, PING, session.sessionId()).then().statusCode(200).body("id", equalTo(7));
        given().header("Authorization", "Bearer " + refreshed).header("Mcp-Session-Id", session.sessionId())
                .delete("/mcp").then().statusCode(200);
        assertJsonRpcError(McpTestSession.post(refreshed, PING, session.sessionId()), 404, -32001);
    }

    // ---- 5: one token, in one header ----

    @Test
    void twoAuthorizationHeadersAreABadRequest() throws Exception {
        HttpResponse<String> response = send(mcp("").header("Authorization", "Bearer " + Tokens.valid())
                .header("Authorization", "Bearer junk"));
        assertInvalidRequest(response);
        response = send(mcp("").header("Authorization", "Bearer junk").header("Authorization", "Bearer " + Tokens.valid()));
        assertInvalidRequest(response);
        // a client offering HTTP/2 (h2c upgrade, whose conversion would keep only the last field) stays on HTTP/1.1
        HttpResponse<String> http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                mcp("").header("Authorization", "Bearer junk").header("Authorization", "Bearer " + Tokens.valid()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertInvalidRequest(http2);
        assertEquals(HttpClient.Version.HTTP_1_1, http2.version());
    }

    @Test
    void tokenInTheHeaderAndTheQueryIsABadRequest() throws Exception {
        String token = Tokens.valid();
        assertInvalidRequest(send(mcp("?access_token=" + token).header("Authorization", "Bearer " + token)));
    }

    @Test
    void formEncodedBodyIsABadRequestSoThatNoTokenIsReadFromIt() throws Exception {
        String token = Tokens.valid();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/mcp"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("access_token=junk")));
        assertInvalidRequest(response);
    }

    private static void assertInvalidRequest(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        BearerChallenge challenge = BearerChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("invalid_request", challenge.error());
        assertEquals(PRM_URL, challenge.resourceMetadata());
        JsonPath body = JsonPath.from(response.body());
        assertEquals(-32600, body.getInt("error.code"));
        assertEquals("invalid_request", body.getString("error.data.error"));
    }

    // ---- 6: 401 bodies name no class, and carry the challenge ----

    @Test
    void unauthorizedBodiesAreJsonRpcErrorsWithoutClassNames() {
        Response none = McpTestSession.post(null, PING, null);
        assertJsonRpcError(none, 401, -32001);
        assertEquals(null, BearerChallenge.parse(none.getHeader("WWW-Authenticate")).error());
        assertEquals(PRM_URL, BearerChallenge.parse(none.getHeader("WWW-Authenticate")).resourceMetadata());

        Response bad = McpTestSession.post("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", PING, null);
        assertJsonRpcError(bad, 401, -32001);
        assertEquals("invalid_token", bad.jsonPath().getString("error.data.error"));
        assertEquals("invalid_token", BearerChallenge.parse(bad.getHeader("WWW-Authenticate")).error());

        Response stringId = McpTestSession.post("junk", "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"ping\"}", null);
        assertJsonRpcError(stringId, 401, -32001);
        assertJsonRpcError(given().header("Authorization", "Bearer junk").get("/mcp"), 401, -32001);
        assertJsonRpcError(given().delete("/mcp"), 401, -32001);
    }

    // ---- 7: every transport error has a JSON-RPC body ----

    @Test
    void missingAcceptHeaderIsAJsonRpcError() {
        Response response = given().contentType("application/json").header("Authorization", "Bearer " + Tokens.valid())
                .body(PING).post("/mcp");
        assertJsonRpcError(response, 400, -32000);
        assertTrue(response.jsonPath().getString("error.message").contains("Accept"));
    }

    @Test
    void unsupportedProtocolVersionIsAJsonRpcError() {
        String token = Tokens.valid();
        McpTestSession session = McpTestSession.open(token);
        Response response = given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session.sessionId())
                .header("MCP-Protocol-Version", "1999-01-01").body(PING).post("/mcp");
        assertJsonRpcError(response, 400, -32000);
        assertTrue(response.jsonPath().getString("error.message").contains("MCP-Protocol-Version"));
    }

    @Test
    void unknownSessionIsAJsonRpcError() {
        Response response = McpTestSession.post(Tokens.valid(), PING, "no-such-session");
        assertJsonRpcError(response, 404, -32001);
        assertEquals("Session not found", response.jsonPath().getString("error.message"));
    }

    @Test
    void getAndDeleteWithoutASessionAreJsonRpcErrors() {
        Response get = given().header("Authorization", "Bearer " + Tokens.valid()).accept("text/event-stream").get("/mcp");
        assertJsonRpcError(get, 405, -32000);
        assertEquals("GET, POST, DELETE", get.getHeader("Allow"));
        assertJsonRpcError(given().header("Authorization", "Bearer " + Tokens.valid()).delete("/mcp"), 404, -32001);
        assertJsonRpcError(given().header("Authorization", "Bearer " + Tokens.valid()).put("/mcp"), 405, -32000);
    }

    @Test
    void unknownPathUnderMcpIsAJsonRpcNotFound() {
        assertJsonRpcError(given().header("Authorization", "Bearer " + Tokens.valid()).get("/mcp/nothing-here"), 404, -32000);
    }

    @Test
    void foreignOriginIsAJsonRpcErrorNotAnEmpty403() {
        Response response = given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Authorization", "Bearer " + Tokens.valid()).header("Origin", "http://attacker.example")
                .body(PING).post("/mcp");
        assertJsonRpcError(response, 403, -32000);
        assertEquals("Origin not allowed", response.jsonPath().getString("error.message"));
        assertEquals(null, response.getHeader("Access-Control-Allow-Origin"));
    }

    @Test
    void metadataUnderAnotherMethodIs405WithAllow() {
        for (String path : new String[] {"/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"}) {
            given().body("{}").post(path).then().statusCode(405)
                    .header("Allow", "GET, HEAD")
                    .contentType("application/json")
                    .body("error", equalTo("invalid_request"));
            given().delete(path).then().statusCode(405).header("Allow", "GET, HEAD");
            given().head(path).then().statusCode(200);
        }
    }

    // ---- 1: the legacy HTTP+SSE transport is absent unless configured ----

    @Test
    void legacySseEndpointsAreAbsentByDefault() {
        String token = Tokens.valid();
        Response sse = given().header("Authorization", "Bearer " + token).accept("text/event-stream").get("/mcp/sse");
        assertJsonRpcError(sse, 404, -32000);
        assertJsonRpcError(given().get("/mcp/sse"), 404, -32000);
        assertJsonRpcError(McpSessionPost.to("/mcp/messages/" + UUID.randomUUID(), token, """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"notes_add","arguments":{"text":"x"}}}"""),
                404, -32000);
        sse.then().body(not(containsString("endpoint"))).body("id", nullValue());
    }

    /** A POST of one message to any path, with a token. */
    static final class McpSessionPost {
        static Response to(String path, String token, String body) {
            return given().contentType("application/json").accept("application/json, text/event-stream")
                    .header("Authorization", "Bearer " + token).body(body).post(path);
        }
    }
}
