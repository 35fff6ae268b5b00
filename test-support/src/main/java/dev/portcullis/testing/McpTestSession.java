package dev.portcullis.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/**
 * A minimal Streamable HTTP MCP client over REST Assured, for the tests of mcp-server and of the conformance server:
 * initialize once, then send requests with the session id, with or without a bearer token.
 */
public final class McpTestSession {

    /** The protocol version a session asks for unless the test names another. */
    public static final String PROTOCOL_VERSION = "2025-06-18";

    private final String token;
    private final String sessionId;
    private int nextId = 10;

    private McpTestSession(String token, String sessionId) {
        this.token = token;
        this.sessionId = sessionId;
    }

    /** One JSON-RPC message to {@code /mcp}; the token and the session id are sent when not null. */
    public static Response post(String token, String body, String sessionId) {
        var request = given().contentType("application/json").accept("application/json, text/event-stream").body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return request.post("/mcp");
    }

    public static McpTestSession open(String token) {
        return open(token, PROTOCOL_VERSION);
    }

    /** Initializes a session (200) and sends {@code notifications/initialized} (202). */
    public static McpTestSession open(String token, String protocolVersion) {
        Response init = post(token, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""".formatted(protocolVersion), null);
        if (init.statusCode() != 200) {
            throw new AssertionError("initialize failed: " + init.statusCode() + " " + init.asString());
        }
        String session = init.getHeader("Mcp-Session-Id");
        Response initialized = post(token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);
        if (initialized.statusCode() != 202) {
            throw new AssertionError("notifications/initialized answered " + initialized.statusCode());
        }
        return new McpTestSession(token, session);
    }

    public String sessionId() {
        return sessionId;
    }

    public Response call(String tool, String argumentsJson) {
        return post(token, """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(nextId++, tool, argumentsJson), sessionId);
    }

    public Response send(String method, String paramsJson) {
        return post(token, """
                {"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}""".formatted(nextId++, method, paramsJson), sessionId);
    }
}
