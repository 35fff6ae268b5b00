package dev.portcullis.client.registration;

/**
 * The client's identity at one authorization server, however it was obtained (pre-registered, a Client ID Metadata
 * Document URL, or dynamic registration; see {@link ClientResolver}).
 *
 * @param tokenEndpointAuthMethod {@code none}, {@code client_secret_basic}, {@code client_secret_post} or
 *                                {@code private_key_jwt} (the key itself is configuration, never stored)
 */
public record RegisteredClient(String clientId, String clientSecret, String tokenEndpointAuthMethod) {

    public RegisteredClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client_id is required");
        }
        tokenEndpointAuthMethod = tokenEndpointAuthMethod == null
                ? (clientSecret == null ? AuthMethods.NONE : AuthMethods.CLIENT_SECRET_BASIC)
                : tokenEndpointAuthMethod;
    }

    @Override
    public String toString() {
        return "RegisteredClient[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + "]";
    }
}
