package dev.portcullis.conformance.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.registration.ClientKey;
import dev.portcullis.client.registration.PreRegisteredClient;

/**
 * {@code MCP_CONFORMANCE_CONTEXT} of the MCP conformance suite ({@code @modelcontextprotocol/conformance}): the
 * scenario name and, for some scenarios, pre-registered client credentials or a private key. Secrets redacted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConformanceContext(
        @JsonProperty("name") String name,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("private_key_pem") String privateKeyPem,
        @JsonProperty("signing_algorithm") String signingAlgorithm) {

    static ConformanceContext parse(String json) {
        if (json == null || json.isBlank()) {
            return new ConformanceContext(null, null, null, null, null);
        }
        return Json.read(json, ConformanceContext.class).orElseThrow(
                () -> new IllegalArgumentException("MCP_CONFORMANCE_CONTEXT is not a JSON object"));
    }

    /** The pre-registered client it describes, or null. */
    PreRegisteredClient client() {
        if (clientId == null) {
            return null;
        }
        ClientKey key = privateKeyPem == null ? null : ClientKey.fromPem(privateKeyPem, signingAlgorithm);
        return new PreRegisteredClient(clientId, clientSecret, key);
    }

    @Override
    public String toString() {
        return "ConformanceContext[name=" + name + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? null : "***") + ", privateKey=" + (privateKeyPem == null ? null : "***") + "]";
    }
}
