package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.Scope;
import dev.portcullis.testing.ScriptedBrowser;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole MCP authorization flow with everything real: auth-server (with its embedded PostgreSQL) and mcp-server
 * run as separate processes from their packaged builds; the packaged client command discovers, registers, and signs
 * in while this test plays the browser through the real sign-in and consent forms; then tools are listed and called,
 * the short-lived access token expires and is refreshed, also after auth-server restarts on the same data.
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final Duration ACCESS_LIFETIME = Stack.ACCESS_LIFETIME;
    private static final String USER = Stack.USER;
    private static final String PASSWORD = Stack.PASSWORD;

    private static Stack stack;
    private static String issuer;
    private static String mcpUrl;
    private static ClientProcess client;
    private static Path credentialsDir;

    @BeforeAll
    static void setUp(Stack shared) throws IOException {
        stack = shared;
        issuer = stack.issuer;
        mcpUrl = stack.mcpUrl;
        credentialsDir = Files.createTempDirectory(stack.work, "client-home");
        client = new ClientProcess(stack.root.resolve("mcp-client/target/quarkus-app/quarkus-run.jar"),
                Map.of("PORTCULLIS_HOME", credentialsDir.toString()));
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
        ClientProcess.Run login = client.start("login", mcpUrl);
        String url = login.awaitLine(line -> line.startsWith(issuer + "/authorize?"), Duration.ofSeconds(60));
        assertTrue(url.contains("code_challenge_method=S256"), url);

        ScriptedBrowser browser = new ScriptedBrowser();
        ScriptedBrowser.Page signIn = browser.follow(browser.get(URI.create(url.trim())));
        assertEquals(200, signIn.status(), signIn.body());
        assertEquals(1, signIn.form().select("input[name=username]").size(), "sign-in form has a username field");
        assertEquals(1, signIn.form().select("input[name=password]").size(), "sign-in form has a password field");

        ScriptedBrowser.Page wrong = browser.follow(browser.signIn(signIn, USER, "wrong"));
        assertTrue(wrong.document().select("input[name=password]").size() == 1, "a wrong password shows the form again");

        ScriptedBrowser.Page consent = browser.follow(browser.signIn(wrong, USER, PASSWORD));
        assertEquals(200, consent.status(), consent.body());
        assertTrue(consent.body().contains("mcp:tools"), "the consent page names the scopes:\n" + consent.body());
        assertFalse(consent.form().select("button[name=decision][value=approve]").isEmpty(), "an approve button");
        assertFalse(consent.form().select("button[name=decision][value=deny]").isEmpty(), "a deny button");

        ScriptedBrowser.Page redirect = browser.decide(consent, "approve");
        assertTrue(redirect.status() == 302 || redirect.status() == 303, "approval redirects: " + redirect.status());
        assertTrue(redirect.location().startsWith("http://127.0.0.1:"), "to the loopback listener: " + redirect.location());
        assertTrue(redirect.location().contains("iss="), "with iss (RFC 9207): " + redirect.location());
        ScriptedBrowser.Page landing = browser.get(URI.create(redirect.location()));
        assertEquals(200, landing.status());

        ClientProcess.Result result = login.await(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        Path record = onlyCredentialFile();
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(record));
        String stored = Files.readString(record);
        assertTrue(stored.contains("refresh_token") || stored.contains("refreshToken"), "a refresh token is kept");
        for (String secret : secretsIn(stored)) {
            assertFalse(stack.authServer().log().contains(secret), "no token or secret appears in the auth-server log");
        }
    }

    @Test
    @Order(3)
    void toolsAreListedWithTheStoredCredentials() throws Exception {
        ClientProcess.Result tools = client.run("tools", mcpUrl);
        assertEquals(0, tools.exitCode(), tools.toString());
        assertTrue(tools.stdout().contains("whoami") && tools.stdout().contains("echo"), tools.toString());
    }

    @Test
    @Order(4)
    void whoamiReportsTheSignedInUserAndEchoEchoes() throws Exception {
        ClientProcess.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
        assertTrue(whoami.stdout().contains("scopes: ") && whoami.stdout().contains("mcp:tools"), whoami.toString());

        ClientProcess.Result echo = client.run("call", mcpUrl, "echo", "message=through the portcullis");
        assertEquals(0, echo.exitCode(), echo.toString());
        assertTrue(echo.stdout().contains("through the portcullis"), echo.toString());
    }

    @Test
    @Order(5)
    void expiredAccessTokenIsRefreshedByANewProcessWithoutABrowser() throws Exception {
        String before = Files.readString(onlyCredentialFile());
        Thread.sleep(ACCESS_LIFETIME.plusSeconds(1).toMillis());
        ClientProcess.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami.toString());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
        assertFalse(whoami.stdout().contains("/authorize?"), "no interactive sign-in was needed");
        assertNotEquals(before, Files.readString(onlyCredentialFile()), "the rotated tokens were stored");
    }

    @Test
    @Order(6)
    void refreshStillWorksAfterAuthServerRestartsOnTheSameDatabase() throws Exception {
        stack.restartAuthServer();
        Thread.sleep(ACCESS_LIFETIME.plusSeconds(1).toMillis());
        ClientProcess.Result whoami = client.run("call", mcpUrl, "whoami");
        assertEquals(0, whoami.exitCode(), whoami + "\nauth-server log:\n" + stack.authServer().tail());
        assertTrue(whoami.stdout().contains("user: " + USER), whoami.toString());
    }

    @Test
    @Order(7)
    void toolNeedingMoreScopeMakesTheClientStepUpThroughTheBrowser() throws Exception {
        ClientProcess.Run call = client.start("call", mcpUrl, "notes_add", "text=stepped up");
        String url = call.awaitLine(line -> line.startsWith(issuer + "/authorize?"), Duration.ofSeconds(60)).trim();
        String scope = java.net.URLDecoder.decode(url.replaceAll(".*[?&]scope=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(Scope.parse(scope).containsAll(List.of("mcp:tools", "notes:write")),
                "the new authorization asks for the held and the challenged scopes: " + scope);

        ScriptedBrowser browser = new ScriptedBrowser();
        browser.get(browser.authorize(URI.create(url), USER, PASSWORD, "approve"));

        ClientProcess.Result result = call.await(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("Added note"), result.toString());
        ClientProcess.Result list = client.run("call", mcpUrl, "notes_list");
        assertTrue(list.stdout().contains("stepped up"), list.toString());
    }

    @Test
    @Order(8)
    void logoutRevokesTheRefreshTokenAndForgetsTheCredentials() throws Exception {
        com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(onlyCredentialFile()));
        String refreshToken = record.path("refresh_token").asText();
        String clientId = record.path("client_id").asText();

        ClientProcess.Result logout = client.run("logout", mcpUrl);
        assertEquals(0, logout.exitCode(), logout.toString());
        assertEquals(List.of(), credentialFiles());

        java.net.http.HttpResponse<String> refresh = new OAuthFlow(stack).refresh(issuer, clientId, refreshToken);
        assertEquals(400, refresh.statusCode(), "the refresh token no longer works: " + refresh.body());
        assertTrue(refresh.body().contains("invalid_grant"), refresh.body());
    }

    /** The values of every member of the stored record whose name says it holds a token or secret. */
    private static List<String> secretsIn(String storedJson) throws IOException {
        List<String> secrets = new java.util.ArrayList<>();
        collectSecrets(new com.fasterxml.jackson.databind.ObjectMapper().readTree(storedJson), secrets);
        assertFalse(secrets.isEmpty(), "the record holds at least the access and refresh tokens: " + storedJson.length());
        return secrets;
    }

    private static void collectSecrets(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
        node.fields().forEachRemaining(field -> {
            String name = field.getKey().toLowerCase(java.util.Locale.ROOT);
            if (field.getValue().isTextual() && (name.contains("token") || name.contains("secret"))
                    && !name.contains("endpoint") && !name.contains("method") && field.getValue().asText().length() > 8) {
                out.add(field.getValue().asText());
            } else if (field.getValue().isObject()) {
                collectSecrets(field.getValue(), out);
            }
        });
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
