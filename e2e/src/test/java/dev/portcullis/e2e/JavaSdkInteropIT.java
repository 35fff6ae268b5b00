package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.Scope;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official MCP Java SDK client (io.modelcontextprotocol.sdk:mcp) against the packaged mcp-server, with access
 * tokens from the real auth-server: initialize, list, call, and a scope step-up after a 403.
 */
@ExtendWith(StackExtension.class)
class JavaSdkInteropIT {

    private static McpSyncClient sdkClient(Stack stack, String accessToken) {
        URI mcp = URI.create(stack.mcpUrl);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(mcp.getScheme() + "://" + mcp.getAuthority())
                .endpoint(mcp.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + accessToken))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void sdkClientInitializesListsAndCallsToolsWithARealToken(Stack stack) throws Exception {
        try (McpSyncClient client = sdkClient(stack, new OAuthFlow(stack).accessToken("mcp:tools"))) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("portcullis-mcp-server", init.serverInfo().name());

            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(names.containsAll(List.of("whoami", "echo", "notes_list", "notes_add", "notes_delete")), names.toString());

            McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            assertFalse(Boolean.TRUE.equals(whoami.isError()));
            assertTrue(text(whoami).contains("user: " + Stack.USER), text(whoami));

            McpSchema.CallToolResult echo = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "interop")));
            assertEquals("interop", text(echo));
        }
    }

    @Test
    void toolNeedingMoreScopeIsRefusedWith403AndSucceedsAfterStepUp(Stack stack) throws Exception {
        OAuthFlow oauth = new OAuthFlow(stack);
        BearerChallenge challenge;
        try (McpSyncClient client = sdkClient(stack, oauth.accessToken("mcp:tools"))) {
            client.initialize();
            Exception refused = assertThrows(Exception.class,
                    () -> client.callTool(new McpSchema.CallToolRequest("notes_add", Map.of("text", "from the SDK"))));
            McpHttpClientTransportAuthorizationException denial = causeOf(refused);
            assertEquals(403, denial.getResponseInfo().statusCode());
            challenge = BearerChallenge.parse(denial.getResponseInfo().headers().allValues("WWW-Authenticate"));
            assertEquals("insufficient_scope", challenge.error());
            assertTrue(Scope.parse(challenge.scope()).contains("notes:write"), challenge.scope());
        }

        try (McpSyncClient client = sdkClient(stack, oauth.accessToken(challenge.scope()))) {
            client.initialize();
            McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest("notes_add", Map.of("text", "from the SDK")));
            assertFalse(Boolean.TRUE.equals(added.isError()), text(added));
            assertTrue(text(client.callTool(new McpSchema.CallToolRequest("notes_list", Map.of()))).contains("from the SDK"));
        }
    }

    private static McpHttpClientTransportAuthorizationException causeOf(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof McpHttpClientTransportAuthorizationException denial) {
                return denial;
            }
        }
        throw new AssertionError("not an authorization failure", thrown);
    }
}
