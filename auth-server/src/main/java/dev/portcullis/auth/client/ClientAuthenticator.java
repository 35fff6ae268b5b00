package dev.portcullis.auth.client;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates the client at the token endpoint. Only public clients ({@code none}, OAuth 2.1 §2.4) exist so
 * far: the client identifies itself with {@code client_id} and sends no credentials.
 */
@ApplicationScoped
public class ClientAuthenticator {

    public Client authenticate(String clientId, String authorizationHeader) {
        if (authorizationHeader != null) {
            // RFC 6749 §5.2 invalid_client: no credential-based method is supported yet
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Unsupported client authentication method");
        }
        if (clientId == null || clientId.isBlank()) {
            // RFC 6749 §5.2 invalid_client: a public client must send client_id (OAuth 2.1 §3.2.1)
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "client_id is required");
        }
        Client client = Client.findByClientId(clientId).orElseThrow(() ->
                // RFC 6749 §5.2 invalid_client: unknown client
                new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Unknown client"));
        if (!Client.AUTH_METHOD_NONE.equals(client.tokenEndpointAuthMethod)) {
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Client authentication failed");
        }
        return client;
    }
}
