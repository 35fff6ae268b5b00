package dev.portcullis.client.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An MCP server at /mcp that accepts the access tokens its {@link FakeAuthorizationServer} issued. Answers some
 * requests as JSON and others as SSE, pages tools/list, and keeps a log of what it saw.
 */
public final class FakeMcpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** "METHOD path [jsonrpc-method] [bearer token]" for every request. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Headers of MCP requests after initialize: "Mcp-Session-Id|MCP-Protocol-Version|Accept". */
    public final List<String> sessionHeaders = new CopyOnWriteArrayList<>();
    /** The resource the PRM claims; defaults to this server's /mcp URL. */
    public volatile String prmResource;
    /** Whether the 401 challenge carries resource_metadata. */
    public volatile boolean pointerInChallenge = true;
    /** Whether PRM is published at all (MCP 2025-03-26 servers publish none). */
    public volatile boolean servePrm = true;

    /** When set, tools/call needs this scope too (else 403 insufficient_scope, as for a step-up). */
    public volatile String callScope;
    /** When set, every request after initialize answers 403 insufficient_scope. */
    public volatile boolean neverEnoughScope;
    /**
     * When set, every request after initialize answers 403 with this {@code WWW-Authenticate} value (empty: none), as
     * a server does that refuses the principal for good.
     */
    public volatile String forbiddenChallenge;

    private final HttpServer server;
    private final FakeAuthorizationServer as;

    public FakeMcpServer(FakeAuthorizationServer as) throws IOException {
        this.as = as;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI url() {
        return URI.create(base() + "/mcp");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/.well-known/oauth-protected-resource")) {
            requests.add(method + " " + path);
            if (!servePrm || !path.equals("/.well-known/oauth-protected-resource/mcp")) {
                FakeHttp.send(exchange, 404, "text/plain", "not found");
                return;
            }
            ObjectNode prm = JSON.createObjectNode();
            prm.put("resource", prmResource != null ? prmResource : base() + "/mcp");
            prm.putArray("authorization_servers").add(as.issuer());
            prm.putArray("scopes_supported").add("mcp:tools");
            FakeHttp.send(exchange, 200, "application/json", prm.toString());
            return;
        }
        if (!path.equals("/mcp")) {
            requests.add(method + " " + path);
            FakeHttp.send(exchange, 404, "text/plain", "not found");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        String body = method.equals("POST") ? FakeHttp.body(exchange) : "";
        JsonNode message = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        requests.add(method + " /mcp " + message.path("method").asText("") + " " + token);
        if (token == null || !as.validAccessTokens.contains(token)) {
            String challenge = "Bearer " + (pointerInChallenge ? "resource_metadata=\"" + base()
                    + "/.well-known/oauth-protected-resource/mcp\", " : "") + "scope=\"mcp:tools\""
                    + (token == null ? "" : ", error=\"invalid_token\"");
            exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            FakeHttp.send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
            return;
        }
        if (method.equals("DELETE")) {
            FakeHttp.send(exchange, 204, null, "");
            return;
        }
        String rpc = message.path("method").asText();
        if (!rpc.equals("initialize")) {
            sessionHeaders.add(exchange.getRequestHeaders().getFirst("Mcp-Session-Id") + "|"
                    + exchange.getRequestHeaders().getFirst("MCP-Protocol-Version") + "|"
                    + exchange.getRequestHeaders().getFirst("Accept"));
        }
        JsonNode id = message.get("id");
        String held = " " + as.tokenScopes.getOrDefault(token, "") + " ";
        boolean needsMore = neverEnoughScope && !rpc.equals("initialize")
                || callScope != null && rpc.equals("tools/call") && !held.contains(" " + callScope + " ");
        if (forbiddenChallenge != null && !rpc.equals("initialize")) {
            if (!forbiddenChallenge.isEmpty()) {
                exchange.getResponseHeaders().add("WWW-Authenticate", forbiddenChallenge);
            }
            FakeHttp.send(exchange, 403, "application/json", "{\"error\":\"forbidden\"}");
            return;
        }
        if (needsMore) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"mcp:tools "
                    + (callScope != null ? callScope : "mcp:admin") + "\", resource_metadata=\"" + base()
                    + "/.well-known/oauth-protected-resource/mcp\"");
            FakeHttp.send(exchange, 403, "application/json", "{\"error\":\"insufficient_scope\"}");
            return;
        }
        switch (rpc) {
            case "initialize" -> {
                ObjectNode result = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "fake").put("version", "1");
                exchange.getResponseHeaders().set("Mcp-Session-Id", "session-1");
                FakeHttp.send(exchange, 200, "application/json", response(id, result));
            }
            case "notifications/initialized" -> FakeHttp.send(exchange, 202, null, "");
            case "tools/list" -> toolsList(exchange, id, message.path("params").path("cursor").asText(null));
            case "tools/call" -> toolsCall(exchange, id, message.path("params"));
            default -> FakeHttp.send(exchange, 200, "application/json",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
    }

    private void toolsList(HttpExchange exchange, JsonNode id, String cursor) throws IOException {
        ObjectNode result = JSON.createObjectNode();
        if (cursor == null) {
            result.putArray("tools").addObject().put("name", "whoami").put("description", "Who am I")
                    .putObject("inputSchema").put("type", "object");
            result.put("nextCursor", "page-2");
            FakeHttp.send(exchange, 200, "application/json", response(id, result));
        } else {
            result.putArray("tools").addObject().put("name", "echo").put("description", "Echoes")
                    .putObject("inputSchema").put("type", "object");
            String sse = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n\n"
                    + "id: 1\nevent: message\ndata: " + response(id, result) + "\n\n";
            FakeHttp.send(exchange, 200, "text/event-stream", sse);
        }
    }

    private void toolsCall(HttpExchange exchange, JsonNode id, JsonNode params) throws IOException {
        String name = params.path("name").asText();
        ObjectNode result = JSON.createObjectNode();
        switch (name) {
            case "echo" -> result.putArray("content").addObject().put("type", "text")
                    .put("text", params.path("arguments").path("message").asText());
            case "fail" -> result.put("isError", true).putArray("content").addObject().put("type", "text")
                    .put("text", "it failed");
            default -> {
                FakeHttp.send(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"error\":{\"code\":-32602,\"message\":\"Unknown tool: " + name + "\"}}");
                return;
            }
        }
        FakeHttp.send(exchange, 200, "text/event-stream", "data: " + response(id, result) + "\n\n");
    }

    private static String response(JsonNode id, JsonNode result) {
        ObjectNode out = JSON.createObjectNode().put("jsonrpc", "2.0");
        out.set("id", id);
        out.set("result", result);
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
