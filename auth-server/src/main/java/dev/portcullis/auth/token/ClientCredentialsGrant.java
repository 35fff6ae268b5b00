package dev.portcullis.auth.token;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Scope;
import dev.portcullis.common.oauth.TokenRequest;
import dev.portcullis.common.oauth.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code grant_type=client_credentials} (RFC 6749 §4.4, OAuth 2.1 §4.2; MCP SEP-1046) for confidential clients: the
 * client acts for itself, so the token's {@code sub} is the client id, its {@code aud} the requested resource
 * (RFC 8707), and no refresh token is issued (RFC 6749 §4.4.3). Nothing is stored: no transaction at all.
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    @Inject
    Resources resources;

    @Inject
    TokenIssuer issuer;

    public TokenResponse issue(Client client, TokenRequest request) {
        if (!client.isConfidential()) {
            // RFC 6749 §4.4 / §5.2 unauthorized_client: only confidential clients may use this grant
            throw OAuthProblem.badRequest(OAuthError.UNAUTHORIZED_CLIENT, "client_credentials requires a confidential client");
        }
        String resource = request.resource();
        if (resource == null) {
            if (resources.served().size() != 1) {
                // RFC 8707 §2 invalid_target: which resource is meant cannot be guessed
                throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "resource is required");
            }
            resource = resources.served().get(0);
        }
        if (!resources.serves(resource)) {
            // RFC 8707 §2 invalid_target
            throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "Unknown resource");
        }
        List<String> allowed = ScopePolicy.clientCredentialsAllowed(client, resources, resource);
        List<String> scopes = request.scope() == null ? allowed : Scope.parse(request.scope());
        if (scopes.isEmpty() || !allowed.containsAll(scopes)) {
            // RFC 6749 §5.2 invalid_scope: unknown, beyond what the client registered or what the resource accepts
            throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope is not allowed for this client and resource");
        }
        return issuer.respond(new Issuance(IssuedGrant.forClient(client.clientId, resource, Scope.format(scopes)), null));
    }
}
