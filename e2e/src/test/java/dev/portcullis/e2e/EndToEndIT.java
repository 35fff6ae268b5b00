package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole MCP authorization flow with everything real: auth-server (with its embedded PostgreSQL) and mcp-server
 * run as separate processes from their packaged builds; the packaged client command discovers, registers, and signs
 * in while this test plays the browser through the real sign-in and consent forms; then tools are listed and called,
 * the short-lived access token expires and is refreshed, also after auth-server restarts on the same data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final Duration ACCESS_LIFETIME = Duration.ofSeconds(6);
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery staple";

    private static Path root;
    private static Path work;
    private static int authPort;
    private static String issuer;
    private static String mcpUrl;
    private static Map<String, String> authEnv;
    private static ServerProcess authServer;
    private static ServerProcess mcpServer;
    private static ClientCommand client;
    private static Path credentialsDir;

    @BeforeAll
    static void startServers() throws Exception {
        root = Path.of(System.getProperty("portcullis.root", "..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("portcullis-e2e");
        authPort = ServerProcess.freePort();
        int mcpPort = ServerProcess.freePort();
        issuer = "http://localhost:" + authPort;
        mcpUrl = "http://localhost:" + mcpPort + "/mcp";

        authEnv = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(authPort),
                "PORTCULLIS_ISSUER", issuer,
                "PORTCULLIS_RESOURCES", mcpUrl,
                "PORTCULLIS_DATA_DIR", work.resolve("postgres").toString(),
                "PORTCULLIS_BOOTSTRAP_USERNAME", USER,
                "PORTCULLIS_BOOTSTRAP_PASSWORD", PASSWORD,
                "PORTCULLIS_TOKEN_ACCESS_LIFETIME", ACCESS_LIFETIME.toString()));
        authServer = startAuthServer();
        mcpServer = ServerProcess.start("mcp-server", root.resolve("mcp-server/target/quarkus-app/quarkus-run.jar"), Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(mcpPort),
                "PORTCULLIS_RESOURCE", mcpUrl,
                "PORTCULLIS_AUTHORIZATION_SERVERS", issuer,
                "QUARKUS_OIDC_TOKEN_LIFESPAN_GRACE", "0"), work);
        mcpServer.awaitReady(URI.create("http://localhost:" + mcpPort + "/q/health/ready"), Duration.ofSeconds(60));

        credentialsDir = work.resolve("client-home");
        client = new ClientCommand(root.resolve("mcp-client/target/quarkus-app/quarkus-run.jar"),
                Map.of("PORTCULLIS_HOME", credentialsDir.toString()));
    }

    private static ServerProcess startAuthServer() throws Exception {
        ServerProcess server = ServerProcess.start("auth-server", root.resolve("auth-server/target/quarkus-app/quarkus-run.jar"),
                authEnv, work);
        server.awaitReady(URI.create(issuer + "/q/health/ready"), Duration.ofSeconds(90));
        return server;
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (mcpServer != null) {
            mcpServer.close();
        }
        if (authServer != null) {
            authServer.close();
        }
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void unauthenticatedRequestIsChallengedTowardsTheMetadata() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mcpUrl))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        BearerChallenge challenge = BearerChallenge.parse(response.headers().allValues("WWW-Authenticate"));
        assertEquals(mcpUrl.replace("/mcp", "/.well-known/oauth-protected-resource/mcp"), challenge.resourceMetadata());
    }

    @Test
    @Order(2)
    void loginThroughSignInAndConsentPagesStoresCredentials() throws Exception {
        ClientCommand.Run login = client.start("login", mcpUrl);
        String url = login.awaitLine(line -> line.startsWith(issuer + "/authorize?"), Duration.ofSeconds(60));
        assertTrue(url.contains("code_challenge_method=S256"), url);

        Browser browser = new Browser();
        Browser.Page signIn = browser.get(URI.create(url.trim()));
        assertEquals(200, signIn.status(), signIn.body());
        assertEquals(1, signIn.form().select("input[name=username]").size(), "sign-in form has a username field");
        assertEquals(1, signIn.form().select("input[name=password]").size(), "sign-in form has a password field");

        Browser.Page wrong = browser.follow(browser.submit(signIn, Map.of("username", USER, "password", "wrong"), null, null));
        assertTrue(wrong.document().select("input[name=password]").size() == 1, "a wrong password shows the form again");

        Browser.Page consent = browser.follow(browser.submit(wrong, Map.of("username", USER, "password", PASSWORD), null, null));
        assertEquals(200, consent.status(), consent.body());
        assertTrue(consent.body().contains("mcp:tools"), "the consent page names the scopes:\n" + consent.body());
        assertFalse(consent.form().select("button[name=decision][value=approve]").isEmpty(), "an approve button");
        assertFalse(consent.form().select("button[name=decision][value=deny]").isEmpty(), "a deny button");

        Browser.Page redirect = browser.submit(consent, Map.of(), "decision", "approve");
        assertTrue(redirect.status() == 302 || redirect.status() == 303, "approval redirects: " + redirect.status());
        assertTrue(redirect.location().startsWith("http://127.0.0.1:"), "to the loopback listener: " + redirect.location());
        assertTrue(redirect.location().contains("iss="), "with iss (RFC 9207): " + redirect.location());
        Browser.Page landing = browser.get(URI.create(redirect.location()));
        assertEquals(200, landing.status());

        ClientCommand.Result result = login.await(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        Path record = onlyCredentialFile();
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(record));
        String stored = Files.readString(record);
        assertTrue(stored.contains("refresh_token") || stored.contains("refreshToken"), "a refresh token is kept");
        assertFalse(authServer.log().contains(stored.replaceAll("(?s).*\"access_?[tT]oken\"\\s*:\\s*\"([^\"]+)\".*", "$1")),
                "the access token never appears in the server log");
    }

    @Test
    @Order(3)
    void toolsAreListedWithTheStoredCredentials() throws Exception {
        ClientCommand.Result tools = client.run("tools", mcpUrl);
        assertEquals(0, tools.exitCode(), tools.toString());
        assertTrue(tools.stdout().contains("whoami") && tools.stdout().contains("echo"), tools.toString());
    }

    @Test
    @Order(4)
    void whoamiReportsTheSignedInUserAndEchoEchoes() throws Exception {
        ClientCommand.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
        assertTrue(whoami.stdout().contains("scopes: ") && whoami.stdout().contains("mcp:tools"), whoami.toString());

        ClientCommand.Result echo = client.run("call", mcpUrl, "echo", "message=through the portcullis");
        assertEquals(0, echo.exitCode(), echo.toString());
        assertTrue(echo.stdout().contains("through the portcullis"), echo.toString());
    }

    @Test
    @Order(5)
    void expiredAccessTokenIsRefreshedByANewProcessWithoutABrowser() throws Exception {
        String before = Files.readString(onlyCredentialFile());
        Thread.sleep(ACCESS_LIFETIME.plusSeconds(1).toMillis());
        ClientCommand.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
        assertFalse(whoami.stdout().contains("/authorize?"), "no interactive sign-in was needed");
        assertNotEquals(before, Files.readString(onlyCredentialFile()), "the rotated tokens were stored");
    }

    @Test
    @Order(6)
    void refreshStillWorksAfterAuthServerRestartsOnTheSameDatabase() throws Exception {
        authServer.close();
        authServer = startAuthServer();
        Thread.sleep(ACCESS_LIFETIME.plusSeconds(1).toMillis());
        ClientCommand.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami + "\nauth-server log:\n" + authServer.tail());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
    }

    @Test
    @Order(7)
    void logoutForgetsTheCredentials() throws Exception {
        ClientCommand.Result logout = client.run("logout", mcpUrl);
        assertEquals(0, logout.exitCode(), logout.toString());
        assertEquals(List.of(), credentialFiles());
    }

    private static List<Path> credentialFiles() throws IOException {
        if (!Files.isDirectory(credentialsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(credentialsDir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static Path onlyCredentialFile() throws IOException {
        List<Path> files = credentialFiles();
        assertEquals(1, files.size(), "one credential record per (issuer, resource): " + files);
        return files.get(0);
    }
}
