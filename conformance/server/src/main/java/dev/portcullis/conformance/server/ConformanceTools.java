package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.ProgressToken;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkiverse.mcp.server.ToolResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The suite's test tools: content of every kind, logging, progress, an error, a JSON Schema 2020-12 input schema, and
 * the tools that ask the client for sampling or elicitation ({@link ClientRequests}).
 * The behaviour follows the suite's reference "everything server" (examples/servers/typescript/everything-server.ts
 * of the conformance repository, v0.1.16).
 */
final class ConformanceTools {

    private final ToolManager tools;

    ConformanceTools(ToolManager tools) {
        this.tools = tools;
    }

    void register() {
        tool("test_simple_text", "Tests simple text content response",
                args -> ToolResponse.success("This is a simple text response for testing."));
        tool("test_image_content", "Tests image content response",
                args -> ToolResponse.success(new ImageContent(ConformanceFeatures.TEST_IMAGE_BASE64, "image/png")));
        tool("test_audio_content", "Tests audio content response",
                args -> ToolResponse.success(new AudioContent(ConformanceFeatures.TEST_AUDIO_BASE64, "audio/wav")));
        tool("test_embedded_resource", "Tests embedded resource content response",
                args -> ToolResponse.success(new EmbeddedResource(new TextResourceContents(
                        "test://embedded-resource", "This is an embedded resource content.", "text/plain"))));
        tool("test_multiple_content_types", "Tests response with multiple content types (text, image, resource)",
                args -> ToolResponse.success(List.of(
                        new TextContent("Multiple content types test:"),
                        new ImageContent(ConformanceFeatures.TEST_IMAGE_BASE64, "image/png"),
                        new EmbeddedResource(new TextResourceContents("test://mixed-content-resource",
                                new JsonObject().put("test", "data").put("value", 123).encode(), "application/json")))));
        tool("test_tool_with_logging", "Tests tool that emits log messages during execution", this::withLogging);
        tool("test_tool_with_progress", "Tests tool that reports progress notifications", this::withProgress);
        tool("test_error_handling", "Tests error response handling",
                args -> ToolResponse.error("This tool intentionally returns an error for testing"));

        tools.newTool("test_sampling")
                .setDescription("Tests server-initiated sampling (LLM completion request)")
                .addArgument("prompt", "The prompt to send to the LLM", true, String.class)
                .setHandler(ClientRequests::sampling)
                .register();
        tools.newTool("test_elicitation")
                .setDescription("Tests server-initiated elicitation (user input request)")
                .addArgument("message", "The message to show the user", true, String.class)
                .setHandler(ClientRequests::elicitation)
                .register();
        tool("test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034",
                ClientRequests::elicitationWithDefaults);
        tool("test_elicitation_sep1330_enums", "Tests elicitation with enum schema improvements per SEP-1330",
                ClientRequests::elicitationWithEnums);

        JsonObject jsonSchema2020 = new JsonObject()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("type", "object")
                .put("$defs", new JsonObject().put("address", new JsonObject()
                        .put("type", "object")
                        .put("properties", new JsonObject()
                                .put("street", new JsonObject().put("type", "string"))
                                .put("city", new JsonObject().put("type", "string")))))
                .put("properties", new JsonObject()
                        .put("name", new JsonObject().put("type", "string"))
                        .put("address", new JsonObject().put("$ref", "#/$defs/address")))
                .put("additionalProperties", false);
        tools.newTool("json_schema_2020_12_tool")
                .setDescription("Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)")
                .setInputSchema(jsonSchema2020)
                .setHandler(args -> ToolResponse.success(
                        "JSON Schema 2020-12 tool called with: " + new JsonObject(args.args()).encode()))
                .register();
    }

    private void tool(String name, String description, Function<ToolArguments, ToolResponse> handler) {
        tools.newTool(name).setDescription(description).setHandler(handler).register();
    }

    private ToolResponse withLogging(ToolArguments args) {
        args.log().info("Tool execution started");
        pause(50);
        args.log().info("Tool processing data");
        pause(50);
        args.log().info("Tool execution completed");
        return ToolResponse.success("Tool with logging executed successfully");
    }

    private ToolResponse withProgress(ToolArguments args) {
        Optional<ProgressToken> token = args.progress().token();
        for (int step : new int[] { 0, 50, 100 }) {
            if (step > 0) {
                pause(50);
            }
            if (token.isPresent()) {
                args.progress().notificationBuilder()
                        .setProgress(step)
                        .setTotal(100)
                        .setMessage("Completed step " + step + " of 100")
                        .build()
                        .send().await().atMost(ConformanceFeatures.CLIENT_REQUEST_TIMEOUT);
            }
        }
        return ToolResponse.success(token.map(ProgressToken::asString).orElse("0"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
