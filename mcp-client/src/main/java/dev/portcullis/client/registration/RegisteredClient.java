package dev.portcullis.client.registration;

/**
 * The client's identity at one authorization server, however it was obtained (dynamic registration today;
 * pre-registered credentials and Client ID Metadata Documents slot in here later).
 *
 * @param tokenEndpointAuthMethod {@code none}, {@code client_secret_basic} or {@code client_secret_post}
 */
public record RegisteredClient(String clientId, String clientSecret, String tokenEndpointAuthMethod) {

    public RegisteredClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client_id is required");
        }
        tokenEndpointAuthMethod = tokenEndpointAuthMethod == null
                ? (clientSecret == null ? "none" : "client_secret_basic")
                : tokenEndpointAuthMethod;
    }

    @Override
    public String toString() {
        return "RegisteredClient[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + "]";
    }
}
