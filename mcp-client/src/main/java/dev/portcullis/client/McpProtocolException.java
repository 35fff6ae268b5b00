package dev.portcullis.client;

/** The MCP server answered a request with a JSON-RPC error (JSON-RPC 2.0 §5.1) or with a malformed message. */
public class McpProtocolException extends McpClientException {

    private final int code;

    public McpProtocolException(int code, String message) {
        super("MCP server error " + code + ": " + message);
        this.code = code;
    }

    /** The JSON-RPC error code, e.g. -32601 (method not found); 0 when the answer was not JSON-RPC at all. */
    public int code() {
        return code;
    }
}
