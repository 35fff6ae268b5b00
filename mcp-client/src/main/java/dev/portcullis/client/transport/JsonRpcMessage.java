package dev.portcullis.client.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message from the server: a response to one of our requests ({@code id} with {@code result} or {@code error}),
 * or a request/notification of its own ({@code method} set), which this client does not answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsonRpcMessage(
        @JsonProperty("jsonrpc") String jsonrpc,
        @JsonProperty("id") JsonNode id,
        @JsonProperty("method") String method,
        @JsonProperty("result") JsonNode result,
        @JsonProperty("error") JsonRpcError error) {

    /** True when this is the response to the request with that id. */
    @JsonIgnore
    public boolean isResponseTo(long requestId) {
        return method == null && id != null && id.isIntegralNumber() && id.asLong() == requestId;
    }
}
