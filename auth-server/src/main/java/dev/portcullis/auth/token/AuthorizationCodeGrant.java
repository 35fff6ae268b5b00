package dev.portcullis.auth.token;

import dev.portcullis.auth.authorize.AuthorizationCode;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.db.Transactions;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.user.User;
import dev.portcullis.common.oauth.GrantType;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.common.oauth.TokenRequest;
import dev.portcullis.common.oauth.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * {@code grant_type=authorization_code} (OAuth 2.1 §4.1.3). The code row is locked and consumed on first
 * presentation, whatever the outcome, so a code can never be redeemed twice; presenting a consumed code revokes the
 * refresh tokens it produced (OAuth 2.1 §4.1.3, RFC 9700 §4.5). Rejections commit, so that consumption and
 * revocation are kept.
 */
@ApplicationScoped
public class AuthorizationCodeGrant {

    private static final Logger LOG = Logger.getLogger(AuthorizationCodeGrant.class);

    @Inject
    TokenIssuer issuer;

    @Inject
    Clock clock;

    public TokenResponse exchange(Client client, TokenRequest request) {
        String code = TokenForm.required(request.code(), "code");
        String redirectUri = TokenForm.required(request.redirectUri(), "redirect_uri");
        String verifier = TokenForm.required(request.codeVerifier(), "code_verifier");
        Issuance issuance = Transactions.commitEvenOnProblem(() -> redeem(client, request, code, redirectUri, verifier));
        return issuer.respond(issuance);
    }

    private Issuance redeem(Client client, TokenRequest request, String code, String redirectUri, String verifier) {

        String codeHash = Hashes.sha256(code);
        AuthorizationCode stored = AuthorizationCode.findForUpdate(codeHash)
                // OAuth 2.1 §4.1.3 / RFC 6749 §5.2 invalid_grant: unknown code
                .orElseThrow(() -> invalidGrant("Unknown authorization code"));
        if (!stored.clientId.equals(client.clientId)) {
            // RFC 6749 §5.2 invalid_grant: the code was issued to another client
            throw invalidGrant("Unknown authorization code");
        }
        if (stored.used) {
            long revoked = RefreshToken.revokeIssuedFromCode(codeHash);
            LOG.warnf("Authorization code replayed by client %s; revoked %d refresh token(s)", client.clientId, revoked);
            // OAuth 2.1 §4.1.3: a code used twice is refused and what it produced is revoked
            throw invalidGrant("The authorization code has already been used");
        }
        stored.used = true;
        if (!stored.expiresAt.isAfter(clock.instant())) {
            // OAuth 2.1 §4.1.3 invalid_grant: expired
            throw invalidGrant("The authorization code has expired");
        }
        if (!stored.redirectUri.equals(redirectUri)) {
            // OAuth 2.1 §4.1.3: redirect_uri must equal the one in the authorization request
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!Pkce.verify(verifier, stored.codeChallenge)) {
            // RFC 7636 §4.6, OAuth 2.1 §4.1.3 invalid_grant
            throw invalidGrant("code_verifier does not match the code_challenge");
        }
        if (request.resource() != null && !request.resource().equals(stored.resource)) {
            // RFC 8707 §2 invalid_target: the token request may only repeat the authorized resource
            throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "resource does not match the authorization request");
        }
        if (request.scope() != null) {
            // OAuth 2.1 §4.1.3 defines no scope parameter here; refuse rather than ignore a mismatch
            if (!request.scope().equals(stored.scope)) {
                throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope differs from the authorization request");
            }
        }
        String username = User.<User>findByIdOptional(stored.userId).map(u -> u.username)
                // RFC 6749 §5.2 invalid_grant: the resource owner no longer exists
                .orElseThrow(() -> invalidGrant("Unknown authorization code"));
        return issuer.store(IssuedGrant.fromCode(client.clientId, stored.userId, username, stored.authTime,
                stored.resource, stored.scope, client.allowsGrant(GrantType.REFRESH_TOKEN.wire()), codeHash));
    }

    private static OAuthProblem invalidGrant(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_GRANT, description);
    }
}
