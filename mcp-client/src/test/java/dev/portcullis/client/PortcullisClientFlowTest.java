package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.token.StoredCredentials;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole client against a fake MCP server and a fake authorization server, in process. */
@QuarkusTest
class PortcullisClientFlowTest extends FakeServersTest {



    PortcullisClient client(java.util.function.Consumer<URI> browser) {
        return builder().browser(browser).clock(clock).build();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void loginWithChallengePointer_discoversInOrderAndStoresTheRecord() throws Exception {
        client(browser).login(mcp.url());

        assertEquals(List.of("POST /mcp initialize null", "GET /.well-known/oauth-protected-resource/mcp"),
                mcp.requests);
        assertEquals(List.of("GET /.well-known/oauth-authorization-server", "POST /register", "GET /authorize",
                "POST /token"), as.requests);
        Map<String, String> params = query(browser.opened.get(0));
        assertEquals("code", params.get("response_type"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertEquals(mcp.url().toString(), params.get("resource"));
        assertEquals("mcp:tools offline_access", params.get("scope"));
        assertTrue(params.get("redirect_uri").matches("http://127\\.0\\.0\\.1:\\d+/callback"), params.get("redirect_uri"));
        assertTrue(params.get("state").length() >= 22, "state carries at least 128 bits");
        assertTrue(browser.pages.get(0).contains("You can close this window"));

        Map<String, String> token = as.tokenRequests.get(0);
        assertEquals("authorization_code", token.get("grant_type"));
        assertEquals(mcp.url().toString(), token.get("resource"));
        assertEquals(params.get("redirect_uri"), token.get("redirect_uri"));
        assertEquals("client-1", token.get("client_id"));

        StoredCredentials stored = client(browser).credentials(mcp.url()).orElseThrow();
        assertEquals(as.issuer(), stored.issuer());
        assertEquals("client-1", stored.clientId());
        assertEquals("none", stored.tokenEndpointAuthMethod());
        assertEquals(clock.instant().plusSeconds(3600), stored.expiresAt());
        assertEquals(List.of("mcp:tools", "offline_access"), stored.scopes());
        assertTrue(as.validAccessTokens.contains(stored.accessToken()));
        assertFalse(stored.toString().contains(stored.accessToken()));
    }

    @Test
    void challengeWithoutPointer_readsThePathAwarePrmFirst() {
        mcp.pointerInChallenge = false;
        client(browser).login(mcp.url());
        assertEquals("GET /.well-known/oauth-protected-resource/mcp", mcp.requests.get(1));
    }

    @Test
    void serverWithoutPrm_fallsBackToThe20250326EndpointsAtItsOrigin() {
        mcp.pointerInChallenge = false;
        mcp.servePrm = false;
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> client(browser).login(mcp.url()));
        assertTrue(e.getMessage().contains("refused to register"), e.getMessage());
        assertEquals(List.of("POST /mcp initialize null",
                "GET /.well-known/oauth-protected-resource/mcp",
                "GET /.well-known/oauth-protected-resource",
                "GET /.well-known/oauth-authorization-server",
                "GET /.well-known/openid-configuration",
                "POST /register"), mcp.requests);
        assertTrue(as.requests.isEmpty());
    }

    @Test
    void prmForAnotherResource_stopsBeforeRegistrationOrAuthorization() {
        mcp.prmResource = "http://evil.example/mcp";
        ServerMisconfiguredException e = assertThrows(ServerMisconfiguredException.class,
                () -> client(browser).login(mcp.url()));
        assertTrue(e.getMessage().contains("http://evil.example/mcp"), e.getMessage());
        assertTrue(browser.opened.isEmpty());
        assertTrue(as.requests.isEmpty(), as.requests.toString());
        assertTrue(client(browser).credentials(mcp.url()).isEmpty());
    }

    @Test
    void callbackWithAnotherIssuer_isRejectedWithoutATokenRequest() {
        as.issOverride = "http://attacker.example";
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> client(browser).login(mcp.url()));
        assertTrue(e.getMessage().contains("mix-up"), e.getMessage());
        assertTrue(as.tokenRequests.isEmpty());
    }

    @Test
    void connectedSession_listsAllPagesAndCallsToolsWithSessionHeaders() {
        try (PortcullisClient client = client(browser); McpSession session = client.connect(mcp.url())) {
            assertEquals("2025-06-18", session.protocolVersion());
            List<McpTool> tools = session.listTools();
            assertEquals(List.of("whoami", "echo"), tools.stream().map(McpTool::name).collect(Collectors.toList()));
            assertEquals("object", tools.get(0).inputSchema().path("type").asText());
            ToolResult echoed = session.callTool("echo", Map.of("message", "hello"));
            assertFalse(echoed.isError());
            assertEquals("hello", echoed.text());
            assertTrue(session.callTool("fail", Map.of()).isError());
            McpProtocolException error = assertThrows(McpProtocolException.class,
                    () -> session.callTool("nope", Map.of()));
            assertEquals(-32602, error.code());
        }
        assertTrue(mcp.sessionHeaders.stream()
                .allMatch(h -> h.equals("session-1|2025-06-18|application/json, text/event-stream")),
                mcp.sessionHeaders.toString());
        assertTrue(mcp.requests.get(mcp.requests.size() - 1).startsWith("DELETE /mcp"), mcp.requests.toString());
    }

    @Test
    void rejectedAccessToken_isRefreshedOnceAndTheRequestRetriedOnce() {
        PortcullisClient client = client(browser);
        try (McpSession session = client.connect(mcp.url())) {
            String before = client.credentials(mcp.url()).orElseThrow().accessToken();
            as.revokeAccessTokens();
            assertEquals("again", session.callTool("echo", Map.of("message", "again")).text());
            assertEquals(1, as.refreshCount.get());
            String after = client.credentials(mcp.url()).orElseThrow().accessToken();
            assertNotEquals(before, after);
            List<String> calls = mcp.requests.stream().filter(r -> r.contains("tools/call")).toList();
            assertEquals(List.of("POST /mcp tools/call " + before, "POST /mcp tools/call " + after), calls);
        }
        assertEquals(1, browser.opened.size());
    }

    @Test
    void twoConcurrentCallsWithAnExpiringToken_shareOneRefresh() throws Exception {
        PortcullisClient client = client(browser);
        client.login(mcp.url());
        String oldRefresh = client.credentials(mcp.url()).orElseThrow().refreshToken();
        as.tokenDelayMillis = 300;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (McpSession session = client.connect(mcp.url())) {
            clock.advance(Duration.ofSeconds(3600 - 10));
            CompletableFuture<String> a = CompletableFuture.supplyAsync(
                    () -> session.callTool("echo", Map.of("message", "a")).text(), pool);
            CompletableFuture<String> b = CompletableFuture.supplyAsync(
                    () -> session.callTool("echo", Map.of("message", "b")).text(), pool);
            assertEquals("a", a.get(10, TimeUnit.SECONDS));
            assertEquals("b", b.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, as.refreshCount.get());
        StoredCredentials stored = client.credentials(mcp.url()).orElseThrow();
        assertNotEquals(oldRefresh, stored.refreshToken(), "the rotated refresh token is stored");
        assertEquals(clock.instant().plusSeconds(3600), stored.expiresAt());
    }

    @Test
    void newProcessWithStoredRecord_refreshesFromTheFileWithoutABrowser() {
        client(browser).login(mcp.url());
        clock.advance(Duration.ofHours(2));
        PortcullisClient later = client(url -> {
            throw new AssertionError("no browser expected");
        });
        try (McpSession session = later.connect(mcp.url())) {
            assertEquals("x", session.callTool("echo", Map.of("message", "x")).text());
        }
        assertEquals(1, as.refreshCount.get());
        Map<String, String> refresh = as.tokenRequests.get(1);
        assertEquals("refresh_token", refresh.get("grant_type"));
        assertEquals(mcp.url().toString(), refresh.get("resource"));
        assertEquals("client-1", refresh.get("client_id"));
    }

    @Test
    void refreshAnsweredWithInvalidGrant_leadsToInteractiveReauthorization() {
        client(browser).login(mcp.url());
        as.revokeAccessTokens();
        as.refreshInvalidGrant = true;
        try (McpSession session = client(browser).connect(mcp.url())) {
            assertEquals("y", session.callTool("echo", Map.of("message", "y")).text());
        }
        assertEquals(2, browser.opened.size());
        assertEquals(1, as.refreshCount.get());
    }

    @Test
    void logout_deletesTheRecordFile() throws Exception {
        PortcullisClient client = client(browser);
        client.login(mcp.url());
        assertEquals(1, Files.list(home).count());
        client.logout(mcp.url());
        assertTrue(client.credentials(mcp.url()).isEmpty());
        assertEquals(0, Files.list(home).count());
    }
}
