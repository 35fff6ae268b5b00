package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.PromptCompletionManager;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.ProgressToken;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.SamplingMessage;
import io.quarkiverse.mcp.server.SamplingResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The tools, resources, prompts and completions the official MCP conformance suite
 * ({@code @modelcontextprotocol/conformance}, server mode) calls by fixed names, registered at start next to
 * mcp-server's own. They exist only in this fixture application (conformance/server, started by conformance/run.sh),
 * never in the shipped mcp-server. The behaviour follows the suite's reference "everything server"
 * (examples/servers/typescript/everything-server.ts of the conformance repository, v0.1.16).
 */
@ApplicationScoped
public class ConformanceFeatures {

    private static final Logger LOG = Logger.getLogger(ConformanceFeatures.class);

    /** A 1x1 red PNG. */
    static final String TEST_IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A minimal WAV file. */
    static final String TEST_AUDIO_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    /** How long a tool waits for the client's answer to a sampling or elicitation request. */
    private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ToolManager tools;
    private final ResourceManager resources;
    private final ResourceTemplateManager resourceTemplates;
    private final PromptManager prompts;
    private final PromptCompletionManager promptCompletions;

    ConformanceFeatures(ToolManager tools, ResourceManager resources, ResourceTemplateManager resourceTemplates,
            PromptManager prompts, PromptCompletionManager promptCompletions) {
        this.tools = tools;
        this.resources = resources;
        this.resourceTemplates = resourceTemplates;
        this.prompts = prompts;
        this.promptCompletions = promptCompletions;
    }

    void onStart(@Observes StartupEvent event) {
        registerTools();
        registerResources();
        registerPrompts();
        LOG.warn("MCP conformance fixture: the suite's test tools, resources and prompts are registered and /mcp needs "
                + "no authorization");
    }

    // ---- tools ----

    private void registerTools() {
        tool("test_simple_text", "Tests simple text content response",
                args -> ToolResponse.success("This is a simple text response for testing."));
        tool("test_image_content", "Tests image content response",
                args -> ToolResponse.success(new ImageContent(TEST_IMAGE_BASE64, "image/png")));
        tool("test_audio_content", "Tests audio content response",
                args -> ToolResponse.success(new AudioContent(TEST_AUDIO_BASE64, "audio/wav")));
        tool("test_embedded_resource", "Tests embedded resource content response",
                args -> ToolResponse.success(new EmbeddedResource(new TextResourceContents(
                        "test://embedded-resource", "This is an embedded resource content.", "text/plain"))));
        tool("test_multiple_content_types", "Tests response with multiple content types (text, image, resource)",
                args -> ToolResponse.success(List.of(
                        new TextContent("Multiple content types test:"),
                        new ImageContent(TEST_IMAGE_BASE64, "image/png"),
                        new EmbeddedResource(new TextResourceContents("test://mixed-content-resource",
                                new JsonObject().put("test", "data").put("value", 123).encode(), "application/json")))));
        tool("test_tool_with_logging", "Tests tool that emits log messages during execution", this::withLogging);
        tool("test_tool_with_progress", "Tests tool that reports progress notifications", this::withProgress);
        tool("test_error_handling", "Tests error response handling",
                args -> ToolResponse.error("This tool intentionally returns an error for testing"));

        tools.newTool("test_sampling")
                .setDescription("Tests server-initiated sampling (LLM completion request)")
                .addArgument("prompt", "The prompt to send to the LLM", true, String.class)
                .setHandler(this::sampling)
                .register();
        tools.newTool("test_elicitation")
                .setDescription("Tests server-initiated elicitation (user input request)")
                .addArgument("message", "The message to show the user", true, String.class)
                .setHandler(this::elicitation)
                .register();
        tool("test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034",
                this::elicitationWithDefaults);
        tool("test_elicitation_sep1330_enums", "Tests elicitation with enum schema improvements per SEP-1330",
                this::elicitationWithEnums);

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

    private void tool(String name, String description, java.util.function.Function<ToolArguments, ToolResponse> handler) {
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
                        .send().await().atMost(CLIENT_REQUEST_TIMEOUT);
            }
        }
        return ToolResponse.success(token.map(ProgressToken::asString).orElse("0"));
    }

    private ToolResponse sampling(ToolArguments args) {
        return askClient("Sampling", () -> {
            SamplingResponse response = args.sampling().requestBuilder()
                    .addMessage(SamplingMessage.withUserRole(String.valueOf(args.args().get("prompt"))))
                    .setMaxTokens(100)
                    .setTimeout(CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            String text = response.content() instanceof TextContent content ? content.text() : "No response";
            return "LLM response: " + text;
        });
    }

    private ToolResponse elicitation(ToolArguments args) {
        return askClient("Elicitation", () -> {
            ElicitationResponse response = args.elicitation().requestBuilder()
                    .setMessage(String.valueOf(args.args().get("message")))
                    .addSchemaProperty("response", ElicitationRequest.StringSchema.builder()
                            .setDescription("User's response").setRequired(true).build())
                    .setTimeout(CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            return "User response: action=" + action(response) + ", content=" + content(response);
        });
    }

    private ToolResponse elicitationWithDefaults(ToolArguments args) {
        return askClient("Elicitation", () -> {
            ElicitationResponse response = args.elicitation().requestBuilder()
                    .setMessage("Please review and update the form fields with defaults")
                    .addSchemaProperty("name", schema(new JsonObject()
                            .put("type", "string").put("description", "User name").put("default", "John Doe")))
                    .addSchemaProperty("age", schema(new JsonObject()
                            .put("type", "integer").put("description", "User age").put("default", 30)))
                    .addSchemaProperty("score", schema(new JsonObject()
                            .put("type", "number").put("description", "User score").put("default", 95.5)))
                    .addSchemaProperty("status", schema(new JsonObject()
                            .put("type", "string").put("description", "User status")
                            .put("enum", new JsonArray().add("active").add("inactive").add("pending"))
                            .put("default", "active")))
                    .addSchemaProperty("verified", schema(new JsonObject()
                            .put("type", "boolean").put("description", "Verification status").put("default", true)))
                    .setTimeout(CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            return "Elicitation completed: action=" + action(response) + ", content=" + content(response);
        });
    }

    private ToolResponse elicitationWithEnums(ToolArguments args) {
        return askClient("Elicitation", () -> {
            ElicitationResponse response = args.elicitation().requestBuilder()
                    .setMessage("Please select options from the enum fields")
                    .addSchemaProperty("untitledSingle", schema(new JsonObject()
                            .put("type", "string").put("description", "Select one option")
                            .put("enum", new JsonArray().add("option1").add("option2").add("option3"))))
                    .addSchemaProperty("titledSingle", schema(new JsonObject()
                            .put("type", "string").put("description", "Select one option with titles")
                            .put("oneOf", titled("value1", "First Option", "value2", "Second Option",
                                    "value3", "Third Option"))))
                    .addSchemaProperty("legacyEnum", schema(new JsonObject()
                            .put("type", "string").put("description", "Select one option (legacy)")
                            .put("enum", new JsonArray().add("opt1").add("opt2").add("opt3"))
                            .put("enumNames", new JsonArray().add("Option One").add("Option Two").add("Option Three"))))
                    .addSchemaProperty("untitledMulti", schema(new JsonObject()
                            .put("type", "array").put("description", "Select multiple options")
                            .put("minItems", 1).put("maxItems", 3)
                            .put("items", new JsonObject().put("type", "string")
                                    .put("enum", new JsonArray().add("option1").add("option2").add("option3")))))
                    .addSchemaProperty("titledMulti", schema(new JsonObject()
                            .put("type", "array").put("description", "Select multiple options with titles")
                            .put("minItems", 1).put("maxItems", 3)
                            .put("items", new JsonObject().put("anyOf", titled("value1", "First Choice",
                                    "value2", "Second Choice", "value3", "Third Choice")))))
                    .setTimeout(CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            return "Elicitation completed: action=" + action(response) + ", content=" + content(response);
        });
    }

    /** Runs a request to the client; a client that cannot answer gets a text result saying so (as the reference does). */
    private static ToolResponse askClient(String what, Supplier<String> request) {
        try {
            return ToolResponse.success(request.get());
        } catch (RuntimeException e) {
            return ToolResponse.success(what + " not supported or error: " + e.getMessage());
        }
    }

    private static String action(ElicitationResponse response) {
        return response.action().name().toLowerCase();
    }

    private static String content(ElicitationResponse response) {
        Map<String, Object> map = response.content() == null ? null : response.content().asMap();
        return map == null ? "{}" : new JsonObject(map).encode();
    }

    private static JsonArray titled(String... constAndTitle) {
        JsonArray options = new JsonArray();
        for (int i = 0; i + 1 < constAndTitle.length; i += 2) {
            options.add(new JsonObject().put("const", constAndTitle[i]).put("title", constAndTitle[i + 1]));
        }
        return options;
    }

    /** A property of a requested schema given as raw JSON (the library's builders cover neither oneOf nor enumNames). */
    private static ElicitationRequest.PrimitiveSchema schema(JsonObject json) {
        return new RawSchema(json, false);
    }

    private record RawSchema(JsonObject json, boolean required) implements ElicitationRequest.PrimitiveSchema {

        @Override
        public JsonObject asJson() {
            return json.copy();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- resources ----

    private void registerResources() {
        resources.newResource("static-text")
                .setUri("test://static-text")
                .setTitle("Static Text Resource")
                .setDescription("A static text resource for testing")
                .setMimeType("text/plain")
                .setHandler(args -> new ResourceResponse(new TextResourceContents("test://static-text",
                        "This is the content of the static text resource.", "text/plain")))
                .register();
        resources.newResource("static-binary")
                .setUri("test://static-binary")
                .setTitle("Static Binary Resource")
                .setDescription("A static binary resource (image) for testing")
                .setMimeType("image/png")
                .setHandler(args -> new ResourceResponse(
                        new BlobResourceContents("test://static-binary", TEST_IMAGE_BASE64, "image/png")))
                .register();
        resources.newResource("watched-resource")
                .setUri("test://watched-resource")
                .setTitle("Watched Resource")
                .setDescription("A resource clients can subscribe to")
                .setMimeType("text/plain")
                .setHandler(args -> new ResourceResponse(new TextResourceContents("test://watched-resource",
                        "Watched resource content", "text/plain")))
                .register();
        resourceTemplates.newResourceTemplate("template")
                .setUriTemplate("test://template/{id}/data")
                .setTitle("Resource Template")
                .setDescription("A resource template with parameter substitution")
                .setMimeType("application/json")
                .setHandler(args -> {
                    String id = args.args().get("id");
                    String json = new JsonObject().put("id", id).put("templateTest", true)
                            .put("data", "Data for ID: " + id).encode();
                    return new ResourceResponse(new TextResourceContents(args.requestUri().value(), json,
                            "application/json"));
                })
                .register();
    }

    // ---- prompts and completions ----

    private void registerPrompts() {
        prompts.newPrompt("test_simple_prompt")
                .setTitle("Simple Test Prompt")
                .setDescription("A simple prompt without arguments")
                .setHandler(args -> PromptResponse.withMessages(
                        PromptMessage.withUserRole("This is a simple prompt for testing.")))
                .register();
        prompts.newPrompt("test_prompt_with_arguments")
                .setTitle("Prompt With Arguments")
                .setDescription("A prompt with required arguments")
                .addArgument("arg1", "First test argument", true)
                .addArgument("arg2", "Second test argument", true)
                .setHandler(args -> PromptResponse.withMessages(PromptMessage.withUserRole(
                        "Prompt with arguments: arg1='" + args.args().get("arg1") + "', arg2='"
                                + args.args().get("arg2") + "'")))
                .register();
        prompts.newPrompt("test_prompt_with_embedded_resource")
                .setTitle("Prompt With Embedded Resource")
                .setDescription("A prompt that includes an embedded resource")
                .addArgument("resourceUri", "URI of the resource to embed", true)
                .setHandler(args -> PromptResponse.withMessages(
                        PromptMessage.withUserRole(new EmbeddedResource(new TextResourceContents(
                                args.args().get("resourceUri"), "Embedded resource content for testing.", "text/plain"))),
                        PromptMessage.withUserRole("Please process the embedded resource above.")))
                .register();
        prompts.newPrompt("test_prompt_with_image")
                .setTitle("Prompt With Image")
                .setDescription("A prompt that includes image content")
                .setHandler(args -> PromptResponse.withMessages(
                        PromptMessage.withUserRole(new ImageContent(TEST_IMAGE_BASE64, "image/png")),
                        PromptMessage.withUserRole("Please analyze the image above.")))
                .register();

        for (String argument : List.of("arg1", "arg2")) {
            promptCompletions.newCompletion("test_prompt_with_arguments")
                    .setArgumentName(argument)
                    .setDescription("Completes " + argument + " of test_prompt_with_arguments")
                    .setHandler(args -> {
                        String prefix = args.argumentValue() == null ? "" : args.argumentValue();
                        List<String> values = List.of("test", "testValue1", "testValue2", "example").stream()
                                .filter(value -> value.startsWith(prefix)).toList();
                        return new CompletionResponse(values, values.size(), false);
                    })
                    .register();
        }
    }
}
