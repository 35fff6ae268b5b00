package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.PromptCompletionManager;
import io.quarkiverse.mcp.server.PromptManager;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Registers, at start and next to mcp-server's own, the tools, resources, prompts and completions the official MCP
 * conformance suite ({@code @modelcontextprotocol/conformance}, server mode) calls by fixed names. They exist only in
 * this fixture application (conformance/server, started by conformance/run.sh), never in the shipped mcp-server.
 * The behaviour follows the suite's reference "everything server" (examples/servers/typescript/everything-server.ts
 * of the conformance repository, v0.1.16).
 */
@ApplicationScoped
public class ConformanceFeatures {

    private static final Logger LOG = Logger.getLogger(ConformanceFeatures.class);

    /** A 1x1 red PNG. */
    static final String TEST_IMAGE_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A minimal WAV file. */
    static final String TEST_AUDIO_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    /** How long a tool waits for the client's answer to a sampling or elicitation request (or a progress send). */
    static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConformanceTools tools;
    private final ConformanceResources resources;
    private final ConformancePrompts prompts;

    ConformanceFeatures(ToolManager tools, ResourceManager resources, ResourceTemplateManager resourceTemplates,
            PromptManager prompts, PromptCompletionManager promptCompletions) {
        this.tools = new ConformanceTools(tools);
        this.resources = new ConformanceResources(resources, resourceTemplates);
        this.prompts = new ConformancePrompts(prompts, promptCompletions);
    }

    void onStart(@Observes StartupEvent event) {
        tools.register();
        resources.register();
        prompts.register();
        LOG.warn("MCP conformance fixture: the suite's test tools, resources and prompts are registered and /mcp needs "
                + "no authorization");
    }
}
