package dev.portcullis.client;

import java.util.List;
import java.util.Map;

/** An initialized MCP session over Streamable HTTP. Closing it ends the session on the server. */
public interface McpSession extends AutoCloseable {

    /** All tools, following {@code nextCursor} pagination. */
    List<McpTool> listTools();

    ToolResult callTool(String name, Map<String, Object> arguments);

    /** The protocol revision both sides agreed on in {@code initialize}. */
    String protocolVersion();

    @Override
    void close();
}
