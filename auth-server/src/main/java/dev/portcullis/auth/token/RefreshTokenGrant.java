package dev.portcullis.auth.token;

import dev.portcullis.auth.authorize.Scopes;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code grant_type=refresh_token} (OAuth 2.1 §4.3) with rotation: the presented token is locked (SELECT … FOR
 * UPDATE) and marked used, and a new one in the same family is issued. Presenting a used token means it leaked: the
 * whole family is revoked (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2). Rejections commit, so that revocation is kept.
 */
@ApplicationScoped
public class RefreshTokenGrant {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);

    @Inject
    TokenIssuer issuer;

    @Inject
    Clock clock;

    @Transactional(dontRollbackOn = OAuthProblem.class)
    public TokenResponse refresh(Client client, TokenRequest request) {
        String token = TokenRequest.required(request.refreshToken(), "refresh_token");
        RefreshToken stored = RefreshToken.findForUpdate(Hashes.sha256(token))
                // RFC 6749 §5.2 invalid_grant: unknown refresh token
                .orElseThrow(() -> invalidGrant("Unknown refresh token"));
        if (!stored.clientId.equals(client.clientId)) {
            // RFC 6749 §5.2 invalid_grant: issued to another client
            throw invalidGrant("Unknown refresh token");
        }
        if (stored.revoked) {
            // OAuth 2.1 §4.3.1 invalid_grant
            throw invalidGrant("The refresh token has been revoked");
        }
        if (stored.used) {
            long revoked = RefreshToken.revokeFamily(stored.familyId);
            LOG.warnf("Rotated refresh token reused by client %s; revoked family of %d token(s)", client.clientId, revoked);
            // OAuth 2.1 §4.3.1, RFC 9700 §4.14.2: reuse of a rotated token revokes the family
            throw invalidGrant("The refresh token has already been used");
        }
        if (!stored.expiresAt.isAfter(clock.instant())) {
            // OAuth 2.1 §4.3.1 invalid_grant: expired
            throw invalidGrant("The refresh token has expired");
        }
        if (request.resource() != null && !request.resource().equals(stored.resource)) {
            // RFC 8707 §2 invalid_target
            throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "resource does not match the original grant");
        }
        String accessScope = stored.scope;
        if (request.scope() != null) {
            List<String> requested = Scopes.parse(request.scope());
            if (requested.isEmpty() || !Scopes.parse(stored.scope).containsAll(requested)) {
                // RFC 6749 §6 invalid_scope: must not exceed the original grant
                throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope exceeds the original grant");
            }
            accessScope = Scopes.format(requested);
        }
        stored.used = true;
        return issuer.issue(new IssuedGrant(client.clientId, stored.userId, stored.authTime, stored.resource,
                accessScope, stored.scope, true, stored.familyId, stored.codeHash));
    }

    private static OAuthProblem invalidGrant(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_GRANT, description);
    }
}
