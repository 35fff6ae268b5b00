package dev.portcullis.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With {@code portcullis.legacy-sse.enabled=true} the deprecated HTTP+SSE transport (MCP 2024-11-05) is served and gets
 * exactly the authorization of Streamable HTTP. The same profile accepts Keycloak's {@code typ: JWT} tokens, as the
 * README's Keycloak set-up configures it.
 */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
@TestProfile(LegacySseTransportTest.OptIns.class)
class LegacySseTransportTest {

    public static class OptIns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.legacy-sse.enabled", "true", "portcullis.token.accepted-types", "at+jwt,JWT");
        }
    }

    private static final String PRM_URL = "http://localhost:8080/.well-known/oauth-protected-resource/mcp";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String token(String subject, String scopes) {
        return Tokens.sign(Tokens.claims().subject(subject).claim("scope", scopes));
    }

    /** An open legacy SSE session: the stream's data lines, and the message endpoint it announced. */
    private record SseSession(String endpoint, BlockingQueue<String> data, Stream<String> lines) implements AutoCloseable {
        static SseSession open(String token) throws Exception {
            HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(base("/mcp/sse"))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            BlockingQueue<String> data = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    response.body().filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5).trim()));
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
            String endpoint = data.poll(10, TimeUnit.SECONDS);
            assertNotNull(endpoint, "the endpoint event");
            assertTrue(endpoint.startsWith("/mcp/messages/"), endpoint);
            return new SseSession(endpoint, data, response.body());
        }

        /** Posts a message; the answer to a request comes on the stream, the POST itself is accepted with a 2xx. */
        void accepted(String token, String message) throws Exception {
            HttpResponse<String> response = post(token, message);
            assertEquals(2, response.statusCode() / 100, response.statusCode() + " " + response.body());
        }

        HttpResponse<String> post(String token, String message) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(base(endpoint)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(message)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The next JSON-RPC message on the stream with this id. */
        JsonPath answer(int id) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String next = data.poll(1, TimeUnit.SECONDS);
                if (next != null && next.startsWith("{") && JsonPath.from(next).getInt("id") == id) {
                    return JsonPath.from(next);
                }
            }
            throw new AssertionError("no answer with id " + id);
        }

        void initialize(String token) throws Exception {
            accepted(token, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05",
                     "capabilities":{},"clientInfo":{"name":"legacy","version":"1"}}}""");
            assertEquals("2024-11-05", answer(1).getString("result.protocolVersion"));
            accepted(token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private static URI base(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static void assertInsufficientScope(HttpResponse<String> response, String scope) {
        assertEquals(403, response.statusCode(), response.body());
        BearerChallenge challenge = BearerChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("insufficient_scope", challenge.error());
        assertEquals(scope, challenge.scope());
        assertEquals(PRM_URL, challenge.resourceMetadata());
        assertEquals(-32001, JsonPath.from(response.body()).getInt("error.code"));
    }

    @Test
    void openingALegacySessionNeedsTheBaseScope() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base("/mcp/sse")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token(UUID.randomUUID().toString(), "notes:read")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertInsufficientScope(response, "mcp:tools");
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(base("/mcp/sse")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aToolCallOverTheLegacyTransportNeedsTheToolsScope() throws Exception {
        String token = token(UUID.randomUUID().toString(), "mcp:tools notes:read");
        try (SseSession session = SseSession.open(token)) {
            session.initialize(token);
            assertInsufficientScope(session.post(token, """
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"notes_add","arguments":{"text":"x"}}}"""),
                    "mcp:tools notes:write");
            session.accepted(token, """
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"notes_list","arguments":{}}}""");
            assertEquals("You have no notes.", session.answer(3).getString("result.content[0].text"));
        }
    }

    @Test
    void aTokenWithoutTheBaseScopeCannotPostToALegacySession() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = token(subject, "mcp:tools");
        try (SseSession session = SseSession.open(token)) {
            session.initialize(token);
            assertInsufficientScope(session.post(token(subject, "notes:read notes:write"), """
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"notes_add","arguments":{"text":"x"}}}"""),
                    "mcp:tools notes:write");
        }
    }

    @Test
    void anotherUserCannotPostToALegacySession() throws Exception {
        String alice = token(UUID.randomUUID().toString(), "mcp:tools notes:write");
        try (SseSession session = SseSession.open(alice)) {
            session.initialize(alice);
            HttpResponse<String> response = session.post(token(UUID.randomUUID().toString(), "mcp:tools notes:write"),
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");
            assertEquals(404, response.statusCode(), response.body());
            assertEquals("Session not found", JsonPath.from(response.body()).getString("error.message"));
            session.accepted(alice, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
            session.answer(6);
        }
    }

    @Test
    void aSessionIsOnlyGoodOnTheTransportThatOpenedIt() throws Exception {
        String token = token(UUID.randomUUID().toString(), "mcp:tools");
        try (SseSession session = SseSession.open(token)) {
            session.initialize(token);
            String legacyId = session.endpoint().substring("/mcp/messages/".length());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base("/mcp")).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                    .header("Mcp-Session-Id", legacyId).POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), response.body());
        }
        McpTestSession streamable = McpTestSession.open(token);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base("/mcp/messages/" + streamable.sessionId()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("Session not found", JsonPath.from(response.body()).getString("error.message"));
    }

    @Test
    void malformedMessagesOverTheLegacyTransportAreJsonRpcErrors() throws Exception {
        String token = token(UUID.randomUUID().toString(), "mcp:tools");
        try (SseSession session = SseSession.open(token)) {
            session.initialize(token);
            HttpResponse<String> response = session.post(token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"x\"}");
            assertEquals(400, response.statusCode(), response.body());
            assertEquals(-32600, JsonPath.from(response.body()).getInt("error.code"));
        }
    }

    @Test
    void streamableHttpIsProtectedTheSameWayInThisProfile() {
        McpTestSession session = McpTestSession.open(token(UUID.randomUUID().toString(), "mcp:tools"));
        assertEquals(403, session.call("notes_add", "{\"text\":\"x\"}").statusCode());
    }

    @Test
    void keycloakStyleTypJwtIsAcceptedWhenConfigured() {
        String token = Tokens.signWithType(Tokens.claims(), "JWT");
        assertEquals(200, McpTestSession.post(token, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""", null).statusCode());
        assertEquals(401, McpTestSession.post(Tokens.signWithType(Tokens.claims(), "id_token+jwt"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null).statusCode());
    }
}
