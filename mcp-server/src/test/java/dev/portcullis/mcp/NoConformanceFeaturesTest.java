package dev.portcullis.mcp;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * mcp-server has none of the conformance suite's test features (they live in the conformance/server fixture), and
 * /mcp needs a token.
 */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class NoConformanceFeaturesTest {

    @Test
    void conformanceFeaturesAreAbsent() {
        McpTestSession mcp = McpTestSession.open(Tokens.valid());
        mcp.send("tools/list", "{}").then().statusCode(200)
                .body("result.tools.name", hasItem("whoami"))
                .body("result.tools.name", everyItem(not(startsWith("test_"))))
                .body("result.tools.name", not(hasItem("json_schema_2020_12_tool")));
        mcp.send("prompts/list", "{}").then().statusCode(200)
                .body("result.prompts.name", everyItem(not(startsWith("test_"))));
        mcp.send("resources/list", "{}").then().statusCode(200)
                .body("result.resources.uri", everyItem(not(startsWith("test://"))));
        mcp.send("resources/templates/list", "{}").then().statusCode(200)
                .body("result.resourceTemplates.uriTemplate", everyItem(not(startsWith("test://"))));
    }

    @Test
    void mcpStillNeedsAToken() {
        assertEquals(401, McpTestSession.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null).statusCode());
    }
}
