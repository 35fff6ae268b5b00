package dev.portcullis.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.fake.FakeAuthorizationServer;
import dev.portcullis.client.fake.FakeMcpServer;
import dev.portcullis.client.fake.TestBrowser;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 403 insufficient_scope: authorize again with the union of held and challenged scopes, at most three times. */
@QuarkusTest
class StepUpFlowTest {

    @TempDir
    Path home;

    FakeAuthorizationServer as;
    FakeMcpServer mcp;
    TestBrowser browser;

    @BeforeEach
    void start() throws Exception {
        as = new FakeAuthorizationServer();
        mcp = new FakeMcpServer(as);
        browser = new TestBrowser();
    }

    @AfterEach
    void stop() {
        mcp.close();
        as.close();
    }

    PortcullisClient client() {
        return PortcullisClient.builder().home(home).browser(browser).callbackTimeout(Duration.ofSeconds(10)).build();
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
