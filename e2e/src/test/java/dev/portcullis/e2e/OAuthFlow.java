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
import java.util.Map;

/**
 * An OAuth client written straight from the RFCs, independent of mcp-client: registers (RFC 7591), sends the user
 * through authorize with PKCE (the browser played by {@link ScriptedBrowser}), takes the code from the redirect without
 * following it, and exchanges it. Used to hand tokens from the real auth-server to third-party MCP clients.
 */
final class OAuthFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "http://127.0.0.1:1/callback";
    private final Stack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    OAuthFlow(Stack stack) {
        this.stack = stack;
    }

    /** An access token for the MCP server with the given scopes, for the demo user. */
    String accessToken(String scope) throws Exception {
        return tokens(scope, stack.issuer, stack.issuer).get("access_token").asText();
    }

    /**
     * The whole flow with registration and sign-in at one server and the code exchanged at another (two replicas
     * of auth-server on one database); returns the token response.
     */
    JsonNode tokens(String scope, String signInServer, String tokenServer) throws Exception {
        JsonNode registration = post(signInServer, "/register", "application/json", JSON.writeValueAsString(Map.of(
                "client_name", "interop test", "redirect_uris", new String[] {REDIRECT},
                "token_endpoint_auth_method", "none", "grant_types", new String[] {"authorization_code", "refresh_token"})), 201);
        String clientId = registration.get("client_id").asText();

        String verifier = Pkce.newVerifier(new SecureRandom());
        String authorize = signInServer + "/authorize?" + ScriptedBrowser.form(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT, "scope", scope,
                "state", "s1", "code_challenge", Pkce.challengeS256(verifier), "code_challenge_method", "S256",
                "resource", stack.mcpUrl));
        URI redirect = new ScriptedBrowser().authorize(URI.create(authorize), Stack.USER, Stack.PASSWORD, "approve");
        String code = ScriptedBrowser.query(redirect).get("code");
        if (!redirect.toString().startsWith(REDIRECT) || code == null) {
            throw new AssertionError("no redirect with a code: " + redirect);
        }

        JsonNode tokens = post(tokenServer, "/token", "application/x-www-form-urlencoded", ScriptedBrowser.form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "client_id", clientId,
                "code_verifier", verifier, "resource", stack.mcpUrl)), 200);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tokens).put("client_id", clientId);
        return tokens;
    }

    /** A refresh at the given server; returns the status code and the body. */
    HttpResponse<String> refresh(String server, String clientId, String refreshToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ScriptedBrowser.form(Map.of("grant_type", "refresh_token",
                        "refresh_token", refreshToken, "client_id", clientId))))
                .build(), HttpResponse.BodyHandlers.ofString());
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
