package dev.portcullis.conformance.server;

import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.ResourceManager;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.ResourceTemplateManager;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.vertx.core.json.JsonObject;

/**
 * The suite's test resources (text, binary, one to subscribe to) and resource template.
 * The behaviour follows the suite's reference "everything server" (examples/servers/typescript/everything-server.ts
 * of the conformance repository, v0.1.16).
 */
final class ConformanceResources {

    private final ResourceManager resources;
    private final ResourceTemplateManager resourceTemplates;

    ConformanceResources(ResourceManager resources, ResourceTemplateManager resourceTemplates) {
        this.resources = resources;
        this.resourceTemplates = resourceTemplates;
    }

    void register() {
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
                        new BlobResourceContents("test://static-binary", ConformanceFeatures.TEST_IMAGE_BASE64, "image/png")))
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
}
