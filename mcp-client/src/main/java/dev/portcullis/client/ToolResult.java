package dev.portcullis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The result of {@code tools/call}.
 *
 * @param isError true when the tool itself reported an error (the call reached the tool)
 * @param texts   the {@code text} members of the result's text content items, in order
 * @param raw     the whole JSON-RPC result, for content types this record does not model
 */
public record ToolResult(boolean isError, List<String> texts, JsonNode raw) {

    public ToolResult {
        texts = List.copyOf(texts);
    }

    /** The text contents joined with newlines. */
    public String text() {
        return String.join("\n", texts);
    }
}
