package dev.portcullis.conformance.server;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The conformance server serves the suite's features, and without any token. */
@QuarkusTest
class ConformanceServerTest {

    /** The conformance server is asked for the newest protocol revision (mcp-server's tests ask for an older one). */
    private static final String SUITE_PROTOCOL_VERSION = "2025-11-25";

    @Test
    void conformanceToolsAreListedAndAnswerWithoutAToken() {
        McpTestSession mcp = McpTestSession.open(null, SUITE_PROTOCOL_VERSION);
        mcp.send("tools/list", "{}").then().statusCode(200)
                .body("result.tools.name", hasItems("test_simple_text", "test_image_content", "test_error_handling",
                        "test_sampling", "test_elicitation", "json_schema_2020_12_tool"));

        mcp.send("tools/call", "{\"name\":\"test_simple_text\",\"arguments\":{}}").then().statusCode(200)
                .body("result.content[0].type", equalTo("text"))
                .body("result.content[0].text", equalTo("This is a simple text response for testing."));

        mcp.send("tools/call", "{\"name\":\"test_image_content\",\"arguments\":{}}").then().statusCode(200)
                .body("result.content[0].type", equalTo("image"))
                .body("result.content[0].mimeType", equalTo("image/png"));

        mcp.send("tools/call", "{\"name\":\"test_error_handling\",\"arguments\":{}}").then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", equalTo("This tool intentionally returns an error for testing"));
    }

    @Test
    void conformanceResourcesAndPromptsAnswerWithoutAToken() {
        McpTestSession mcp = McpTestSession.open(null, SUITE_PROTOCOL_VERSION);
        mcp.send("resources/read", "{\"uri\":\"test://template/123/data\"}").then().statusCode(200)
                .body("result.contents[0].uri", equalTo("test://template/123/data"))
                .body("result.contents[0].text", containsString("\"id\":\"123\""));

        mcp.send("prompts/get", "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"a\",\"arg2\":\"b\"}}")
                .then().statusCode(200)
                .body("result.messages[0].content.text", equalTo("Prompt with arguments: arg1='a', arg2='b'"));
    }

    @Test
    void foreignOriginIsRefused() {
        io.restassured.RestAssured.given().contentType("application/json").header("Origin", "http://evil.example.com")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(403)
                .body(allOf(not(containsString("result"))));
    }
}
