package dev.portcullis.conformance.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;

/** A minimal Streamable HTTP MCP session over REST Assured, with or without a bearer token. */
final class Mcp {

    private final String token;
    private final String sessionId;
    private int nextId = 2;

    private Mcp(String token, String sessionId) {
        this.token = token;
        this.sessionId = sessionId;
    }

    static Mcp open(String token) {
        Response init = post(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"conformance-test","version":"1"}}}""");
        assertEquals(200, init.statusCode(), init.asString());
        Mcp session = new Mcp(token, init.getHeader("Mcp-Session-Id"));
        assertEquals(202, post(token, session.sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .statusCode());
        return session;
    }

    Response send(String method, String paramsJson) {
        return post(token, sessionId, """
                {"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}""".formatted(nextId++, method, paramsJson));
    }

    static Response post(String token, String sessionId, String body) {
        var request = given().contentType("application/json").accept("application/json, text/event-stream").body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return request.post("/mcp");
    }
}
