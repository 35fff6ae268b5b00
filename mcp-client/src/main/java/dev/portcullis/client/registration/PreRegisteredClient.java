package dev.portcullis.client.registration;

import java.util.Objects;

/**
 * A client identity the user configured for an authorization server (MCP "Client Registration Approaches": pre-registered
 * clients come first). With a secret it authenticates with {@code client_secret_basic}/{@code client_secret_post};
 * with a key with {@code private_key_jwt} (RFC 7523 §2.2); with neither it is a public client.
 *
 * @param clientSecret may be null
 * @param key          may be null
 */
public record PreRegisteredClient(String clientId, String clientSecret, ClientKey key) {

    public PreRegisteredClient {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client_id is blank");
        }
    }

    public static PreRegisteredClient withSecret(String clientId, String clientSecret) {
        return new PreRegisteredClient(clientId, clientSecret, null);
    }

    @Override
    public String toString() {
        return "PreRegisteredClient[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", key=" + (key == null ? null : key.algorithm()) + "]";
    }
}
