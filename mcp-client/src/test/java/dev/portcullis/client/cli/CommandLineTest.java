package dev.portcullis.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.fake.FakeAuthorizationServer;
import dev.portcullis.client.fake.FakeMcpServer;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.token.FileCredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line, in process, against the fakes; credentials come from a prepared record file. */
@QuarkusMainTest
class CommandLineTest {

    FakeAuthorizationServer as;
    FakeMcpServer mcp;
    Path home;
    String url;

    @BeforeEach
    void start() throws Exception {
        as = new FakeAuthorizationServer();
        mcp = new FakeMcpServer(as);
        home = Files.createTempDirectory("portcullis-cli");
        System.setProperty("portcullis.home", home.toString());
        url = mcp.url().toString();
    }

    @AfterEach
    void stop() {
        System.clearProperty("portcullis.home");
        mcp.close();
        as.close();
    }

    void storeValidCredentials() throws Exception {
        as.validAccessTokens.add("at-prepared");
        AuthorizationServerMetadata metadata = Json.MAPPER.readValue(as.metadata(), AuthorizationServerMetadata.class);
        new FileCredentialStore(home).save(new StoredCredentials(url, as.issuer(), metadata, "client-9", null, "none",
                "at-prepared", Instant.now().plusSeconds(3600), List.of("mcp:tools"), "rt-unused"));
    }

    @Test
    void toolsWithStoredCredentials_printsNameAndDescriptionPerLine(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("tools", url);
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(List.of("whoami — Who am I", "echo — Echoes"), result.getOutputStream());
    }

    @Test
    void callWithArguments_printsTheTextContent(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("call", url, "echo", "message=hello there");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("hello there", result.getOutput());
    }

    @Test
    void callOfAFailingTool_exitsWith1(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("call", url, "fail");
        assertEquals(1, result.exitCode());
        assertTrue(result.getErrorOutput().contains("it failed"), result.getErrorOutput());
    }

    @Test
    void loginToAServerWhosePrmNamesAnotherResource_exitsWith4AndOneErrorLine(QuarkusMainLauncher launcher) {
        mcp.prmResource = "http://evil.example/mcp";
        LaunchResult result = launcher.launch("login", url);
        assertEquals(4, result.exitCode());
        assertTrue(result.getOutput().isEmpty(), result.getOutput());
        List<String> errors = result.getErrorStream();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("error: ") && errors.get(0).contains("http://evil.example/mcp"), errors.get(0));
        assertFalse(result.getErrorOutput().contains("Exception"));
    }

    @Test
    void unreachableServer_exitsWith5(QuarkusMainLauncher launcher) {
        mcp.close();
        LaunchResult result = launcher.launch("login", url);
        assertEquals(5, result.exitCode(), result.getErrorOutput());
    }

    @Test
    void notAUrl_exitsWith2(QuarkusMainLauncher launcher) {
        assertEquals(2, launcher.launch("tools", "not-a-url").exitCode());
        assertEquals(2, launcher.launch("frobnicate").exitCode());
    }

    @Test
    void logout_deletesTheRecord(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("logout", url);
        assertEquals(0, result.exitCode());
        assertEquals("Signed out of " + url, result.getOutput());
        try (var files = Files.list(home)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void statusWithAStoredRecord_listsItWithoutTokensOrSecrets(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("status");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().startsWith(url + "  issuer " + as.issuer() + "  client client-9  scopes mcp:tools"),
                result.getOutput());
        assertTrue(result.getOutput().endsWith("refreshable"), result.getOutput());
        assertFalse(result.getOutput().contains("at-prepared"));
        assertFalse(result.getOutput().contains("rt-unused"));
    }

    @Test
    void statusJson_printsOneObjectPerRecordWithoutSecrets(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("status", "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        var records = Json.MAPPER.readTree(result.getOutput());
        assertEquals(1, records.size());
        assertEquals(url, records.get(0).path("resource").asText());
        assertEquals("client-9", records.get(0).path("client_id").asText());
        assertEquals("mcp:tools", records.get(0).path("scopes").get(0).asText());
        assertTrue(records.get(0).path("refreshable").asBoolean());
        assertFalse(result.getOutput().contains("at-prepared"));
        assertFalse(result.getOutput().contains("rt-unused"));
    }

    @Test
    void toolsJson_printsAnArrayOfTools(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("tools", url, "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        var tools = Json.MAPPER.readTree(result.getOutput());
        assertEquals("whoami", tools.get(0).path("name").asText());
        assertEquals("echo", tools.get(1).path("name").asText());
        assertEquals("object", tools.get(1).path("inputSchema").path("type").asText());
    }

    @Test
    void callJson_printsTheWholeToolResult(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        LaunchResult result = launcher.launch("call", url, "echo", "message=hi", "--json");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("hi", Json.MAPPER.readTree(result.getOutput()).path("content").get(0).path("text").asText());
    }

    @Test
    void plainHttpToAnotherHost_exitsWith2WithoutSendingAnything(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("tools", "http://mcp.example.com/mcp");
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("https"), result.getErrorOutput());
    }

    @Test
    void statusWithAWorldWritableHome_tightensItAndSaysSoOnOneStderrLine(QuarkusMainLauncher launcher) throws Exception {
        storeValidCredentials();
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        LaunchResult result = launcher.launch("status");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(List.of("warning: The credential directory " + home + " was open to other users (rwxrwxrwx); its"
                + " permissions are now rwx------."), result.getErrorStream());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertTrue(result.getOutput().startsWith(url), result.getOutput());
    }

    @Test
    void statusWithAHomeThatIsASymbolicLink_exitsWith1AndOneErrorLine(QuarkusMainLauncher launcher) throws Exception {
        Path link = home.resolveSibling(home.getFileName() + "-link");
        Files.createSymbolicLink(link, home);
        System.setProperty("portcullis.home", link.toString());
        try {
            LaunchResult result = launcher.launch("status");
            assertEquals(1, result.exitCode());
            List<String> errors = result.getErrorStream();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).startsWith("error: " + link + " is a symbolic link"), errors.get(0));
            assertFalse(result.getErrorOutput().contains("Exception"));
        } finally {
            System.setProperty("portcullis.home", home.toString());
            Files.delete(link);
        }
    }
}
