package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.PromptCompletionManager;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.TextResourceContents;
import java.util.List;

/**
 * The suite's test prompts and the completions of {@code test_prompt_with_arguments}.
 * The behaviour follows the suite's reference "everything server" (examples/servers/typescript/everything-server.ts
 * of the conformance repository, v0.1.16).
 */
final class ConformancePrompts {

    private final PromptManager prompts;
    private final PromptCompletionManager promptCompletions;

    ConformancePrompts(PromptManager prompts, PromptCompletionManager promptCompletions) {
        this.prompts = prompts;
        this.promptCompletions = promptCompletions;
    }

    void register() {
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
                        PromptMessage.withUserRole(new ImageContent(ConformanceFeatures.TEST_IMAGE_BASE64, "image/png")),
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
