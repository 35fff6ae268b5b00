package dev.portcullis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.testing.ScriptedBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OAuth client written straight from the RFCs, independent of mcp-client: registers (RFC 7591), sends the user
 * through authorize with PKCE (the browser played by {@link ScriptedBrowser}), takes the code from the redirect without
 * following it, and exchanges it. Used to hand tokens from the real auth-server to third-party MCP clients.
 */
final class OAuthFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "http://127.0.0.1:1/callback";
    private final String issuer;
    private final String resource;
    private final HttpClient http = HttpClient.newHttpClient();

    OAuthFlow(Stack stack) {
        this(stack.issuer, stack.mcpUrl);
    }

    /** A client of the auth-server at {@code issuer} asking for tokens for {@code resource}. */
    OAuthFlow(String issuer, String resource) {
        this.issuer = issuer;
        this.resource = resource;
    }

    /** The refresh tokens of several grants (each the head of a family of its own) of one client. */
    record Grants(String clientId, List<String> refreshTokens) {}

    /** An access token for the MCP server with the given scopes, for the demo user. */
    String accessToken(String scope) throws Exception {
        return tokens(scope, issuer, issuer).get("access_token").asText();
    }

    /**
     * The whole flow with registration and sign-in at one server and the code exchanged at another (two replicas
     * of auth-server on one database); returns the token response.
     */
    JsonNode tokens(String scope, String signInServer, String tokenServer) throws Exception {
        String clientId = register(signInServer);
        String verifier = Pkce.newVerifier(new SecureRandom());
        String code = code(new ScriptedBrowser(), signInServer, clientId, scope, verifier);
        JsonNode tokens = exchange(tokenServer, clientId, code, verifier);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tokens).put("client_id", clientId);
        return tokens;
    }

    /** {@code count} separate grants to one client: one registration, one sign-in, then an authorization each. */
    Grants grants(int count, String scope, String server) throws Exception {
        String clientId = register(server);
        ScriptedBrowser browser = new ScriptedBrowser();
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String verifier = Pkce.newVerifier(new SecureRandom());
            refreshTokens.add(exchange(server, clientId, code(browser, server, clientId, scope, verifier), verifier)
                    .get("refresh_token").asText());
        }
        return new Grants(clientId, refreshTokens);
    }

    /** Registers a public client (RFC 7591) for the authorization code and refresh token grants; returns its id. */
    String register(String server) throws Exception {
        return post(server, "/register", "application/json", JSON.writeValueAsString(Map.of(
                "client_name", "interop test", "redirect_uris", new String[] {REDIRECT},
                "token_endpoint_auth_method", "none", "grant_types", new String[] {"authorization_code", "refresh_token"})), 201)
                .get("client_id").asText();
    }

    /**
     * Sends the browser through authorize with PKCE: signs in if asked, approves if asked (a signed-in browser that
     * approved before may be sent straight back), and takes the code from the redirect without following it.
     */
    private String code(ScriptedBrowser browser, String server, String clientId, String scope, String verifier) {
        URI redirect = browser.authorize(authorizeUri(server, clientId, scope, verifier), Stack.USER, Stack.PASSWORD,
                "approve");
        String code = ScriptedBrowser.query(redirect).get("code");
        if (!redirect.toString().startsWith(REDIRECT) || code == null) {
            throw new AssertionError("no redirect with a code: " + redirect);
        }
        return code;
    }

    /** The authorization request (OAuth 2.1 §4.1.1) with PKCE S256 for the given code verifier. */
    URI authorizeUri(String server, String clientId, String scope, String verifier) {
        return URI.create(server + "/authorize?" + ScriptedBrowser.form(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", scope,
                "state", "s1", "code_challenge", Pkce.challengeS256(verifier), "code_challenge_method", "S256",
                "resource", resource)));
    }

    private JsonNode exchange(String server, String clientId, String code, String verifier) throws Exception {
        return post(server, "/token", "application/x-www-form-urlencoded", ScriptedBrowser.form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "client_id", clientId,
                "code_verifier", verifier, "resource", resource)), 200);
    }

    /** A refresh at the given server; returns the status code and the body. */
    HttpResponse<String> refresh(String server, String clientId, String refreshToken) throws Exception {
        return http.send(refreshRequest(server, clientId, refreshToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code grant_type=refresh_token} for a public client (OAuth 2.1 §4.3). */
    static HttpRequest.Builder refreshRequest(String server, String clientId, String refreshToken) {
        return HttpRequest.newBuilder(URI.create(server + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ScriptedBrowser.form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken, "client_id", clientId))));
    }

    private JsonNode post(String server, String path, String type, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
