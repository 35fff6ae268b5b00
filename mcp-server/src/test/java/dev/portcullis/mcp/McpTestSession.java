package dev.portcullis.mcp;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** A minimal MCP client over REST Assured for tests: initialize once, then send requests with the session id. */
final class McpTestSession {

    private final String token;
    private final String sessionId;
    private int nextId = 10;

    private McpTestSession(String token, String sessionId) {
        this.token = token;
        this.sessionId = sessionId;
    }

    static Response post(String token, String body, String sessionId) {
        var request = given().contentType("application/json").accept("application/json, text/event-stream").body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return request.post("/mcp");
    }

    static McpTestSession open(String token) {
        Response init = post(token, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""", null);
        if (init.statusCode() != 200) {
            throw new AssertionError("initialize failed: " + init.statusCode() + " " + init.asString());
        }
        String session = init.getHeader("Mcp-Session-Id");
        post(token, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);
        return new McpTestSession(token, session);
    }

    String sessionId() {
        return sessionId;
    }

    Response call(String tool, String argumentsJson) {
        return post(token, """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(nextId++, tool, argumentsJson), sessionId);
    }

    Response send(String method, String paramsJson) {
        return post(token, """
                {"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}""".formatted(nextId++, method, paramsJson), sessionId);
    }
}
