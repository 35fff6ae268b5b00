package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.SamplingMessage;
import io.quarkiverse.mcp.server.SamplingResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkiverse.mcp.server.ToolResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The handlers of the suite's tools that send a request to the client while they run: sampling (an LLM completion)
 * and elicitation (user input, with the schemas of SEP-1034 defaults and SEP-1330 enums).
 * The behaviour follows the suite's reference "everything server" (examples/servers/typescript/everything-server.ts
 * of the conformance repository, v0.1.16).
 */
final class ClientRequests {

    private ClientRequests() {
    }

    static ToolResponse sampling(ToolArguments args) {
        return askClient("Sampling", () -> {
            SamplingResponse response = args.sampling().requestBuilder()
                    .addMessage(SamplingMessage.withUserRole(String.valueOf(args.args().get("prompt"))))
                    .setMaxTokens(100)
                    .setTimeout(ConformanceFeatures.CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            String text = response.content() instanceof TextContent content ? content.text() : "No response";
            return "LLM response: " + text;
        });
    }

    static ToolResponse elicitation(ToolArguments args) {
        return askClient("Elicitation", () -> {
            ElicitationResponse response = args.elicitation().requestBuilder()
                    .setMessage(String.valueOf(args.args().get("message")))
                    .addSchemaProperty("response", ElicitationRequest.StringSchema.builder()
                            .setDescription("User's response").setRequired(true).build())
                    .setTimeout(ConformanceFeatures.CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            return "User response: action=" + action(response) + ", content=" + content(response);
        });
    }

    static ToolResponse elicitationWithDefaults(ToolArguments args) {
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
                    .setTimeout(ConformanceFeatures.CLIENT_REQUEST_TIMEOUT)
                    .build()
                    .sendAndAwait();
            return "Elicitation completed: action=" + action(response) + ", content=" + content(response);
        });
    }

    static ToolResponse elicitationWithEnums(ToolArguments args) {
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
                    .setTimeout(ConformanceFeatures.CLIENT_REQUEST_TIMEOUT)
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
}
