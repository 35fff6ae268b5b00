package dev.portcullis.client.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.client.McpProtocolException;
import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.ToolResult;
import dev.portcullis.client.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An MCP session over {@link StreamableHttpTransport}: initialize handshake, tools/list and tools/call. */
public final class StreamableHttpSession implements McpSession {

    public static final String LATEST_PROTOCOL_VERSION = "2025-11-25";
    public static final List<String> SUPPORTED_PROTOCOL_VERSIONS = List.of("2025-03-26", "2025-06-18", "2025-11-25");
    public static final String CLIENT_NAME = "portcullis-mcp-client";
    public static final String CLIENT_VERSION = "0.1.0";
    /** A bound on tools/list pages, against a server that repeats a cursor forever. */
    private static final int MAX_PAGES = 100;

    private final StreamableHttpTransport transport;
    private final String protocolVersion;

    private StreamableHttpSession(StreamableHttpTransport transport, String protocolVersion) {
        this.transport = transport;
        this.protocolVersion = protocolVersion;
    }

    /** Runs the lifecycle's initialization phase (MCP "Lifecycle"); closes the transport when it fails. */
    public static StreamableHttpSession open(StreamableHttpTransport transport) {
        try {
            ObjectNode params = Json.MAPPER.createObjectNode();
            params.put("protocolVersion", LATEST_PROTOCOL_VERSION);
            params.putObject("capabilities");
            params.putObject("clientInfo").put("name", CLIENT_NAME).put("version", CLIENT_VERSION);
            JsonNode result = transport.request("initialize", params);
            String version = result.path("protocolVersion").asText("");
            if (!SUPPORTED_PROTOCOL_VERSIONS.contains(version)) {
                throw new McpProtocolException(0, "the server chose protocol version \"" + version
                        + "\"; this client supports " + SUPPORTED_PROTOCOL_VERSIONS);
            }
            transport.protocolVersion(version);
            transport.notify("notifications/initialized", null);
            return new StreamableHttpSession(transport, version);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public List<McpTool> listTools() {
        List<McpTool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = null;
            if (cursor != null) {
                params = Json.MAPPER.createObjectNode().put("cursor", cursor);
            }
            JsonNode result = transport.request("tools/list", params);
            for (JsonNode tool : result.path("tools")) {
                tools.add(new McpTool(tool.path("name").asText(), tool.path("description").asText(null),
                        tool.get("inputSchema")));
            }
            JsonNode next = result.get("nextCursor");
            if (next == null || next.isNull() || next.asText().isEmpty()) {
                return tools;
            }
            cursor = next.asText();
        }
        throw new McpProtocolException(0, "tools/list returned more than " + MAX_PAGES + " pages");
    }

    @Override
    public ToolResult callTool(String name, Map<String, Object> arguments) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("name", name);
        params.set("arguments", Json.MAPPER.valueToTree(arguments == null ? Map.of() : arguments));
        JsonNode result = transport.request("tools/call", params);
        List<String> texts = new ArrayList<>();
        for (JsonNode content : result.path("content")) {
            if ("text".equals(content.path("type").asText())) {
                texts.add(content.path("text").asText());
            }
        }
        return new ToolResult(result.path("isError").asBoolean(false), texts, result);
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public void close() {
        transport.close();
    }
}
