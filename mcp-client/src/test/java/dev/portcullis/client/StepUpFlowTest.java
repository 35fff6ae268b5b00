package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 403 insufficient_scope: authorize again with the union of held and challenged scopes, at most three times. */
@QuarkusTest
class StepUpFlowTest extends FakeServersTest {



    PortcullisClient client() {
        return builder().build();
    }

    @Test
    void toolNeedingAnotherScope_reauthorizesWithTheUnionAndRetriesTheCall() {
        mcp.callScope = "notes:write";
        try (PortcullisClient client = client(); McpSession session = client.connect(mcp.url())) {
            ToolResult result = session.callTool("echo", Map.of("message", "stepped up"));

            assertEquals("stepped up", result.text());
            assertEquals(2, as.authorizationRequests.size());
            assertEquals("mcp:tools offline_access", as.authorizationRequests.get(0).get("scope"));
            assertEquals("mcp:tools offline_access notes:write", as.authorizationRequests.get(1).get("scope"));
            assertEquals(List.of("mcp:tools", "offline_access", "notes:write"),
                    client.credentials(mcp.url()).orElseThrow().scopes());
        }
    }

    @Test
    void afterASuccessfulStepUp_laterCallsNeedNoNewAuthorization() {
        mcp.callScope = "notes:write";
        try (PortcullisClient client = client(); McpSession session = client.connect(mcp.url())) {
            session.callTool("echo", Map.of("message", "one"));
            ToolResult second = session.callTool("echo", Map.of("message", "two"));

            assertEquals("two", second.text());
            assertEquals(2, as.authorizationRequests.size());
        }
    }

    @Test
    void serverThatNeverAcceptsTheScope_stopsAfterThreeAuthorizationsWithATypedError() {
        mcp.neverEnoughScope = true;
        try (PortcullisClient client = client()) {
            AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                    () -> client.connect(mcp.url()).listTools());

            assertEquals(3, as.authorizationRequests.size());
            assertTrue(e.getMessage().contains("mcp:tools mcp:admin"), e.getMessage());
        }
    }

    @Test
    void storedCredentialsAndAServerThatNeverAccepts_stillAtMostThreeAuthorizations() {
        try (PortcullisClient client = client()) {
            client.login(mcp.url());
        }
        mcp.neverEnoughScope = true;
        try (PortcullisClient client = client()) {
            assertThrows(AuthorizationRequiredException.class, () -> client.connect(mcp.url()).listTools());

            assertEquals(1 + 3, as.authorizationRequests.size()); // the login, then three step-ups
        }
    }
}
