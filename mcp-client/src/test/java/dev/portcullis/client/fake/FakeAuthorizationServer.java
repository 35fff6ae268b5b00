package dev.portcullis.client.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.common.oauth.Pkce;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorization server that approves at once: /authorize answers 302 to the redirect URI with code, state and iss
 * (like the MCP conformance mock); /token checks PKCE, resource and rotates refresh tokens.
 */
public final class FakeAuthorizationServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    public final Set<String> validAccessTokens = ConcurrentHashMap.newKeySet();
    public final AtomicInteger refreshCount = new AtomicInteger();
    /** Seconds of validity of issued access tokens. */
    public volatile long expiresIn = 3600;
    /** When set, every refresh answers invalid_grant. */
    public volatile boolean refreshInvalidGrant;
    /** When set, /authorize redirects with this iss instead of the issuer. */
    public volatile String issOverride;
    /** Delay of token responses in ms, to make concurrent refreshes overlap. */
    public volatile long tokenDelayMillis;

    /** Scopes granted per issued access token. */
    public final Map<String, String> tokenScopes = new ConcurrentHashMap<>();
    /** Authorization requests' query parameters, in order. */
    public final List<Map<String, String>> authorizationRequests = new CopyOnWriteArrayList<>();
    /** Registration request bodies, in order. */
    public final List<String> registrations = new CopyOnWriteArrayList<>();
    /** Extra members of the metadata document (e.g. client_id_metadata_document_supported, token auth methods). */
    public final ObjectNode extraMetadata = JSON.createObjectNode();
    /** Authorization headers of token requests, in order (null when absent). */
    public final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();

    /** Revocation request forms, in order; answered with {@link #revocationStatus}. */
    public final List<Map<String, String>> revocations = new CopyOnWriteArrayList<>();
    public volatile int revocationStatus = 200;

    private final HttpServer server;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code -> {challenge, resource, redirect}
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();

    public FakeAuthorizationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String metadata() {
        ObjectNode m = JSON.createObjectNode();
        m.put("issuer", issuer());
        m.put("authorization_endpoint", issuer() + "/authorize");
        m.put("token_endpoint", issuer() + "/token");
        m.put("registration_endpoint", issuer() + "/register");
        m.put("revocation_endpoint", issuer() + "/revoke");
        m.putArray("code_challenge_methods_supported").add("S256");
        m.putArray("scopes_supported").add("mcp:tools").add("offline_access");
        m.put("authorization_response_iss_parameter_supported", true);
        m.setAll(extraMetadata);
        return m.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        switch (path) {
            case "/.well-known/oauth-authorization-server" -> FakeHttp.send(exchange, 200, "application/json", metadata());
            case "/register" -> register(exchange);
            case "/authorize" -> authorize(exchange);
            case "/token" -> token(exchange);
            case "/revoke" -> {
                revocations.add(FakeHttp.form(FakeHttp.body(exchange)));
                FakeHttp.send(exchange, revocationStatus, "application/json",
                        revocationStatus == 200 ? "{}" : "{\"error\":\"invalid_client\"}");
            }
            default -> FakeHttp.send(exchange, 404, "text/plain", "not found");
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        String raw = FakeHttp.body(exchange);
        registrations.add(raw);
        JsonNode request = JSON.readTree(raw);
        ObjectNode response = ((ObjectNode) request.deepCopy()).put("client_id", "client-" + counter.incrementAndGet());
        FakeHttp.send(exchange, 201, "application/json", response.toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = FakeHttp.form(exchange.getRequestURI().getRawQuery());
        authorizationRequests.add(q);
        String code = "code-" + counter.incrementAndGet();
        codes.put(code, new String[] {q.get("code_challenge"), q.get("resource"), q.get("redirect_uri"), q.get("scope")});
        String iss = issOverride != null ? issOverride : issuer();
        exchange.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(q.get("state"), java.nio.charset.StandardCharsets.UTF_8)
                + "&iss=" + java.net.URLEncoder.encode(iss, java.nio.charset.StandardCharsets.UTF_8));
        FakeHttp.send(exchange, 302, null, "");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = FakeHttp.form(FakeHttp.body(exchange));
        tokenRequests.add(form);
        tokenAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (tokenDelayMillis > 0) {
            try {
                Thread.sleep(tokenDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            String[] bound = codes.remove(form.get("code"));
            if (bound == null || !Pkce.verify(form.get("code_verifier"), bound[0])
                    || !bound[1].equals(form.get("resource")) || !bound[2].equals(form.get("redirect_uri"))) {
                FakeHttp.send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
                return;
            }
            issue(exchange, bound[3]);
        } else if ("refresh_token".equals(form.get("grant_type"))) {
            refreshCount.incrementAndGet();
            if (refreshInvalidGrant || !refreshTokens.remove(form.get("refresh_token"))) {
                FakeHttp.send(exchange, 400, "application/json",
                        "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token unknown\"}");
                return;
            }
            issue(exchange, null);
        } else if ("client_credentials".equals(form.get("grant_type"))) {
            issue(exchange, form.get("scope"));
        } else {
            FakeHttp.send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void issue(HttpExchange exchange, String requestedScope) throws IOException {
        int n = counter.incrementAndGet();
        String access = "at-" + n;
        String refresh = "rt-" + n;
        String scope = requestedScope != null ? requestedScope : "mcp:tools offline_access";
        tokenScopes.put(access, scope);
        validAccessTokens.add(access);
        refreshTokens.add(refresh);
        ObjectNode body = JSON.createObjectNode().put("access_token", access).put("token_type", "Bearer")
                .put("expires_in", expiresIn).put("refresh_token", refresh).put("scope", scope);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        FakeHttp.send(exchange, 200, "application/json", body.toString());
    }

    /** Makes every issued access token invalid at the resource server (as after a key rotation). */
    public void revokeAccessTokens() {
        validAccessTokens.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
