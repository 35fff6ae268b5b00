package dev.portcullis.client.authorization;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.fake.FakeHttp;
import dev.portcullis.client.token.AuthClient;
import dev.portcullis.client.token.AuthorizationManager;
import dev.portcullis.client.token.InMemoryCredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.transport.StreamableHttpSession;
import dev.portcullis.client.transport.StreamableHttpTransport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's sequence (shared/seeds/mcp-oauth-seed.md, "Usage Guide" 2–5) as an application that brings its own
 * browser and callback walks it: {@code OAuthState::new} → {@code start_authorization} → {@code get_authorization_url}
 * → {@code handle_callback} → {@code into_authorization_manager} → {@code AuthClient::new} → the Streamable HTTP
 * transport → {@code to_authorized_http_client}; and what the state machine refuses on the way.
 */
@QuarkusTest
class SeedSequenceTest extends FakeServersTest {

    /** The application's own callback page: nothing listens there, the test plays the browser that lands on it. */
    static final URI REDIRECT_URI = URI.create("http://127.0.0.1:8976/oauth/callback");

    /** Any REST API under the same authorization: here the MCP endpoint itself, called as plain JSON. */
    @Path("")
    public interface RawMcpApi {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        String post(@HeaderParam("Accept") String accept, String body);
    }

    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** The user approves in the browser; the authorization server redirects to the application's callback. */
    Map<String, String> approve(URI authorizationUrl) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(authorizationUrl).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode());
        URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertTrue(callback.toString().startsWith(REDIRECT_URI + "?"), callback.toString());
        return FakeHttp.form(callback.getRawQuery());
    }

    @Test
    void theSeedsSequence_authorizesAndServesAnMcpSessionAndAnyRestClient() throws Exception {
        // 2. Use OAuthState
        OAuthState oauthState = OAuthState.create(mcp.url());
        assertEquals(new OAuthState.Unauthorized(mcp.url()), oauthState.phase());
        oauthState.startAuthorization(List.of("mcp:tools"), REDIRECT_URI);
        assertInstanceOf(OAuthState.Authorizing.class, oauthState.phase());

        // 3. Get authorization url and do callback
        URI authUrl = oauthState.authorizationUrl();
        Map<String, String> request = FakeHttp.form(authUrl.getRawQuery());
        assertEquals("S256", request.get("code_challenge_method"));
        assertEquals(REDIRECT_URI.toString(), request.get("redirect_uri"));
        assertEquals(mcp.url().toString(), request.get("resource"));
        assertEquals("mcp:tools offline_access", request.get("scope")); // offline_access: the server lists it
        Map<String, String> callback = approve(authUrl);
        StoredCredentials credentials = oauthState.handleCallback(callback.get("code"), callback.get("state"),
                callback.get("iss"));
        assertTrue(as.validAccessTokens.contains(credentials.accessToken()));
        assertEquals(new OAuthState.Authorized(credentials), oauthState.phase());
        // OAuthState::new(url, None): the credentials are kept in memory only
        InMemoryCredentialStore store = assertInstanceOf(InMemoryCredentialStore.class, oauthState.config().store());
        assertEquals(List.of(credentials), store.all());

        // 4. Use Authorized Streamable HTTP Transport and create client
        AuthorizationManager am = oauthState.intoAuthorizationManager();
        AuthClient client = new AuthClient(oauthState.config().http(), am);
        StreamableHttpTransport transport = new StreamableHttpTransport(oauthState.config().http(), mcp.url(), client);
        try (McpSession session = StreamableHttpSession.open(transport)) {
            assertEquals(List.of("whoami", "echo"), session.listTools().stream().map(McpTool::name).toList());
        }
        // discovery probed without a token; every request of the session carried the manager's token
        assertEquals(List.of("POST /mcp initialize null", "GET /.well-known/oauth-protected-resource/mcp"),
                mcp.requests.subList(0, 2));
        assertEquals(List.of("POST /mcp initialize", "POST /mcp notifications/initialized", "POST /mcp tools/list",
                "POST /mcp tools/list", "DELETE /mcp "), mcp.requests.subList(2, mcp.requests.size()).stream()
                .map(r -> r.substring(0, r.lastIndexOf(" " + am.accessToken()))).toList());

        // 5. Use Authorized HTTP Client after authorized
        RawMcpApi api = oauthState.toAuthorizedHttpClient(RawMcpApi.class, mcp.url());
        String answer = api.post("application/json, text/event-stream",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
        assertTrue(answer.contains("\"whoami\""), answer);
        ((AutoCloseable) api).close();
    }

    @Test
    void theSeedsTwoArgumentCallback_servesAServerThatSendsNoIss() throws Exception {
        as.extraMetadata.put("authorization_response_iss_parameter_supported", false);
        OAuthState oauthState = OAuthState.create(mcp.url());
        oauthState.startAuthorization(List.of(), REDIRECT_URI);
        Map<String, String> callback = approve(oauthState.authorizationUrl());

        StoredCredentials credentials = oauthState.handleCallback(callback.get("code"), callback.get("state"));

        assertTrue(as.validAccessTokens.contains(credentials.accessToken()));
    }

    @Test
    void aForgedCallback_isRefusedAndTheRealOneStillCompletes() throws Exception {
        OAuthState oauthState = OAuthState.create(mcp.url());
        oauthState.startAuthorization(List.of(), REDIRECT_URI);
        Map<String, String> callback = approve(oauthState.authorizationUrl());

        AuthorizationRequiredException forged = assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback("code-of-the-attacker", "another-state", as.issuer()));
        assertTrue(forged.getMessage().contains("state"), forged.getMessage());
        AuthorizationRequiredException mixUp = assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback(callback.get("code"), callback.get("state"), "https://evil.example"));
        assertTrue(mixUp.getMessage().contains("mix-up"), mixUp.getMessage());
        AuthorizationRequiredException noIss = assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback(callback.get("code"), callback.get("state")));
        assertTrue(noIss.getMessage().contains("iss"), noIss.getMessage());
        AuthorizationRequiredException noCode = assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback(null, callback.get("state"), callback.get("iss")));
        assertTrue(noCode.getMessage().contains("no code"), noCode.getMessage());
        AuthorizationRequiredException denied = assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback(AuthorizationResponse.fromQuery("error=access_denied&state="
                        + callback.get("state") + "&iss=" + callback.get("iss"))));
        assertTrue(denied.getMessage().contains("access_denied"), denied.getMessage());
        assertThrows(AuthorizationRequiredException.class, () -> oauthState.handleCallback(
                AuthorizationResponse.fromQuery("code=a&code=b&state=" + callback.get("state"))));
        assertInstanceOf(OAuthState.Authorizing.class, oauthState.phase());
        assertEquals(0, as.tokenRequests.size(), "no code was exchanged for a refused callback");

        oauthState.handleCallback(callback.get("code"), callback.get("state"), callback.get("iss"));
        assertInstanceOf(OAuthState.Authorized.class, oauthState.phase());
    }

    @Test
    void outOfOrderSteps_areRefusedAndACallbackIsUsedOnce() throws Exception {
        OAuthState oauthState = OAuthState.create(mcp.url());
        assertThrows(IllegalStateException.class, oauthState::authorizationUrl);
        assertThrows(IllegalStateException.class, () -> oauthState.handleCallback("code", "state", null));
        assertThrows(IllegalStateException.class, oauthState::intoAuthorizationManager);

        oauthState.startAuthorization(List.of(), REDIRECT_URI);
        assertThrows(IllegalStateException.class, oauthState::intoAuthorizationManager);
        Map<String, String> callback = approve(oauthState.authorizationUrl());
        oauthState.handleCallback(callback.get("code"), callback.get("state"), callback.get("iss"));

        assertThrows(IllegalStateException.class,
                () -> oauthState.handleCallback(callback.get("code"), callback.get("state"), callback.get("iss")));
        assertEquals(1, as.tokenRequests.size());
    }

    @Test
    void aNewAuthorization_replacesThePendingOne() throws Exception {
        OAuthState oauthState = OAuthState.create(mcp.url());
        oauthState.startAuthorization(List.of(), REDIRECT_URI);
        Map<String, String> abandoned = approve(oauthState.authorizationUrl());
        oauthState.startAuthorization(List.of(), REDIRECT_URI);

        assertThrows(AuthorizationRequiredException.class,
                () -> oauthState.handleCallback(abandoned.get("code"), abandoned.get("state"), abandoned.get("iss")));
        Map<String, String> current = approve(oauthState.authorizationUrl());
        oauthState.handleCallback(current.get("code"), current.get("state"), current.get("iss"));
        assertInstanceOf(OAuthState.Authorized.class, oauthState.phase());
    }

    @Test
    void aGrantThatEnds_withoutAWayToSignIn_asksTheApplicationToStartAgain() throws Exception {
        OAuthState oauthState = OAuthState.create(mcp.url());
        oauthState.startAuthorization(List.of(), REDIRECT_URI);
        Map<String, String> callback = approve(oauthState.authorizationUrl());
        oauthState.handleCallback(callback.get("code"), callback.get("state"), callback.get("iss"));
        AuthClient client = new AuthClient(oauthState.config().http(), oauthState.intoAuthorizationManager());
        as.revokeAccessTokens();
        as.refreshInvalidGrant = true;

        StreamableHttpTransport transport = new StreamableHttpTransport(oauthState.config().http(), mcp.url(), client);
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> StreamableHttpSession.open(transport));
        assertTrue(e.getMessage().contains("Start a new authorization"), e.getMessage());
    }
}
