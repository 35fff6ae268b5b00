package dev.portcullis.client.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC 2.0 request, or a notification when {@code id} is null (JSON-RPC 2.0 §4, §4.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcRequest(
        @JsonProperty("jsonrpc") String jsonrpc,
        @JsonProperty("id") Long id,
        @JsonProperty("method") String method,
        @JsonProperty("params") JsonNode params) {

    public static JsonRpcRequest request(long id, String method, JsonNode params) {
        return new JsonRpcRequest("2.0", id, method, params);
    }

    public static JsonRpcRequest notification(String method, JsonNode params) {
        return new JsonRpcRequest("2.0", null, method, params);
    }
}
