package dev.portcullis.client.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The error object of a JSON-RPC 2.0 response (§5.1). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsonRpcError(
        @JsonProperty("code") int code,
        @JsonProperty("message") String message,
        @JsonProperty("data") JsonNode data) {
}
