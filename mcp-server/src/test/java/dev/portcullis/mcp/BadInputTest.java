package dev.portcullis.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Malformed or hostile MCP requests get JSON-RPC or HTTP errors, never a 500, a stack trace or a token echoed. */
@QuarkusTest
@QuarkusTestResource(FakeAuthorizationServer.class)
class BadInputTest {

    @Test
    void unknownMethodIsAJsonRpcMethodNotFound() {
        McpSession.open(Tokens.valid()).send("no/such/method", "{}").then()
                .statusCode(200).body("error.code", equalTo(-32601));
    }

    @Test
    void unknownToolIsAJsonRpcInvalidParams() {
        McpSession.open(Tokens.valid()).call("no_such_tool", "{}").then()
                .statusCode(200).body("error.code", equalTo(-32602));
    }

    @Test
    void wrongArgumentTypeIsAnErrorNotACrash() {
        Response response = McpSession.open(Tokens.valid()).call("echo", "{\"message\":{\"nested\":[1,2]}}");
        assertEquals(200, response.statusCode());
        String body = response.asString();
        assertFalse(body.contains("Exception") && body.contains("\tat "), "no stack trace: " + body);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}";
        McpSession.post(Tokens.valid(), huge, null).then().statusCode(413);
    }

    @Test
    void requestThatIsNotAJsonRpcObjectGetsAnError() {
        for (String body : new String[] {"[1, 2, 3]", "\"just a string\"", "[]", "42"}) {
            McpSession.post(Tokens.valid(), body, null).then()
                    .statusCode(400).body("error.code", equalTo(-32600));
        }
    }

    @Test
    void missingAcceptHeaderIsABadRequest() {
        given().contentType("application/json").header("Authorization", "Bearer " + Tokens.valid())
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(400);
    }

    @Test
    void unknownSessionIdIsNotFound() {
        McpSession.post(Tokens.valid(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "no-such-session")
                .then().statusCode(404);
    }

    @Test
    void refusedTokenIsNeverEchoedBack() {
        String token = Tokens.sign(Tokens.claims().audience("http://elsewhere.example/mcp"));
        McpSession.post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null).then()
                .statusCode(401).body(not(containsString(token)));
    }
}
