package dev.portcullis.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Malformed or hostile MCP requests get JSON-RPC or HTTP errors, never a 500, a stack trace or a token echoed. */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class BadInputTest {

    @Test
    void unknownMethodIsAJsonRpcMethodNotFound() {
        McpTestSession.open(Tokens.valid()).send("no/such/method", "{}").then()
                .statusCode(200).body("error.code", equalTo(-32601));
    }

    @Test
    void unknownToolIsAJsonRpcInvalidParams() {
        McpTestSession.open(Tokens.valid()).call("no_such_tool", "{}").then()
                .statusCode(200).body("error.code", equalTo(-32602));
    }

    @Test
    void wrongArgumentTypeIsAnErrorNotACrash() {
        Response response = McpTestSession.open(Tokens.valid()).call("echo", "{\"message\":{\"nested\":[1,2]}}");
        assertEquals(200, response.statusCode());
        String body = response.asString();
        assertFalse(body.contains("Exception") && body.contains("\tat "), "no stack trace: " + body);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}";
        McpTestSession.post(Tokens.valid(), huge, null).then().statusCode(413);
    }

    @Test
    void requestThatIsNotAJsonRpcObjectGetsAnError() {
        for (String body : new String[] {"[1, 2, 3]", "\"just a string\"", "[]", "42"}) {
            McpTestSession.post(Tokens.valid(), body, null).then()
                    .statusCode(400).body("error.code", equalTo(-32600));
        }
    }

    /** Members of the wrong JSON type, in every place the server reads one; each with the JSON-RPC code it must get. */
    private static final String[][] WRONG_TYPES = {
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":42}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[\"whoami\"]}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":5}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":[\"notes_add\"]}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":\"x\"}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":[1]}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"_meta\":\"x\"}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"_meta\":{\"progressToken\":{}}}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":2,\"id\":1,\"method\":\"ping\"}", "-32600"},
            {"{\"id\":1,\"method\":\"ping\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"x\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"x\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"m\"}}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\",\"arguments\":{\"a\":1}}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":5}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":{}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":3}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{\"ref\":\"x\",\"argument\":{}}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":7}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":{}}}", "-32602"},
            {"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,\"progress\":\"half\"}}", "-32602"},
            {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},\"junk\"]", "-32600"},
            {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"x\"}]", "-32600"},
            {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},null]", "-32600"},
            {"[[]]", "-32600"},
            {"null", "-32600"},
            {"true", "-32600"},
    };

    private static void assertCleanJsonRpcError(Response response, String body, String code) {
        String text = response.asString();
        assertEquals(400, response.statusCode(), body + " -> " + text);
        assertEquals(Integer.parseInt(code), io.restassured.path.json.JsonPath.from(text).getInt("error.code"), body + " -> " + text);
        assertEquals("2.0", io.restassured.path.json.JsonPath.from(text).getString("jsonrpc"), body + " -> " + text);
        assertFalse(text.contains("Exception") || text.contains("io.quarkus") || text.contains("\tat "), body + " -> " + text);
    }

    @Test
    void membersOfTheWrongTypeAreJsonRpcErrorsNotCrashes() {
        McpTestSession session = McpTestSession.open(Tokens.valid());
        for (String[] wrong : WRONG_TYPES) {
            assertCleanJsonRpcError(McpTestSession.post(Tokens.valid(), wrong[0], session.sessionId()), wrong[0], wrong[1]);
            assertCleanJsonRpcError(McpTestSession.post(Tokens.valid(), wrong[0], null), wrong[0], wrong[1]);
        }
        session.call("echo", "{\"message\":\"still fine\"}").then().statusCode(200).body(containsString("still fine"));
    }

    @Test
    void nullParamsAreTakenAsAbsent() {
        McpTestSession session = McpTestSession.open(Tokens.valid());
        McpTestSession.post(Tokens.valid(), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":null}", session.sessionId())
                .then().statusCode(200).body("id", equalTo(3)).body("result", equalTo(java.util.Map.of()));
    }

    @Test
    void errorForAMalformedMessageKeepsItsValidId() {
        McpTestSession.post(Tokens.valid(), "{\"jsonrpc\":\"2.0\",\"id\":\"req-9\",\"method\":\"tools/call\",\"params\":\"x\"}", null)
                .then().statusCode(400).body("id", equalTo("req-9"));
        McpTestSession.post(Tokens.valid(), "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", null)
                .then().statusCode(400).body("id", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void initializeWithWronglyTypedMembersIsInvalidParams() {
        for (String params : new String[] {"{\"protocolVersion\":5,\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"x\",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":true},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":\"me\"}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":1,\"version\":\"1\"}}",
                "{\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"}) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":" + params + "}";
            Response response = McpTestSession.post(Tokens.valid(), body, null);
            assertCleanJsonRpcError(response, body, "-32602");
            assertEquals(null, response.getHeader("Mcp-Session-Id"), "no session for a refused initialize");
        }
    }

    @Test
    void missingAcceptHeaderIsABadRequest() {
        given().contentType("application/json").header("Authorization", "Bearer " + Tokens.valid())
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(400);
    }

    @Test
    void unknownSessionIdIsNotFound() {
        McpTestSession.post(Tokens.valid(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "no-such-session")
                .then().statusCode(404);
    }

    @Test
    void refusedTokenIsNeverEchoedBack() {
        String token = Tokens.sign(Tokens.claims().audience("http://elsewhere.example/mcp"));
        McpTestSession.post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null).then()
                .statusCode(401).body(not(containsString(token)));
    }
}
