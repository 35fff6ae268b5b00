package dev.portcullis.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool as listed by {@code tools/list}. */
public record McpTool(String name, String description, JsonNode inputSchema) {
}
