package dev.portcullis.auth.token;

import dev.portcullis.auth.authorize.Scopes;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.db.Transactions;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code grant_type=refresh_token} (OAuth 2.1 §4.3) with rotation. The common case is one SQL statement
 * ({@link RefreshTokenRotation}: claim the live token under its row lock, store the successor); the access token is
 * signed after commit. When the token is not live, the slow path locks the row (SELECT … FOR UPDATE, so every replica
 * agrees) and finds out why: a used token means it leaked and the whole family is revoked (OAuth 2.1 §4.3.1, RFC 9700
 * §4.14.2) — unless it comes within {@code portcullis.token.refresh-reuse-window} of the rotation, which is the
 * client's own concurrent refresh losing the race: refused, and the family (with the winner's new token) kept.
 * Rejections commit, so that revocation is kept.
 */
@ApplicationScoped
public class RefreshTokenGrant {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);

    @Inject
    PortcullisConfig config;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokenRotation rotation;

    @Inject
    Clock clock;

    public TokenResponse refresh(Client client, TokenRequest request) {
        String token = TokenRequest.required(request.refreshToken(), "refresh_token");
        if (token.length() > 512) {
            // RFC 6749 §5.2 invalid_grant: no token of ours is that long
            throw invalidGrant("Unknown refresh token");
        }
        String scope = null;
        if (request.scope() != null) {
            List<String> requested = Scopes.parse(request.scope());
            if (requested.isEmpty()) {
                // RFC 6749 §6 invalid_scope
                throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope is empty");
            }
            scope = Scopes.format(requested);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String narrowed = scope;
        Issuance issuance = rotation.rotate(client.clientId, token, now, request.resource(), scope)
                .orElseGet(() -> Transactions.commitEvenOnProblem(() -> refuse(client, token, now, request.resource(), narrowed)));
        return issuer.respond(issuance);
    }

    /** The slow path: the token is not live; lock it and answer why (revoking the family on reuse). Always throws. */
    private Issuance refuse(Client client, String token, Instant started, String resource, String scope) {
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
            if (stored.usedAt != null && !started.isAfter(stored.usedAt.plus(config.token().refreshReuseWindow()))) {
                // OAuth 2.1 §4.3.1 invalid_grant: lost the race with a concurrent refresh of the same token
                throw invalidGrant("The refresh token has already been used");
            }
            long revoked = RefreshToken.revokeFamily(stored.familyId);
            LOG.warnf("Rotated refresh token reused by client %s; revoked family of %d token(s)", client.clientId, revoked);
            // OAuth 2.1 §4.3.1, RFC 9700 §4.14.2: reuse of a rotated token revokes the family
            throw invalidGrant("The refresh token has already been used");
        }
        if (!stored.expiresAt.isAfter(started)) {
            // OAuth 2.1 §4.3.1 invalid_grant: expired
            throw invalidGrant("The refresh token has expired");
        }
        if (resource != null && !resource.equals(stored.resource)) {
            // RFC 8707 §2 invalid_target
            throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "resource does not match the original grant");
        }
        if (scope != null && !Scopes.parse(stored.scope).containsAll(Scopes.parse(scope))) {
            // RFC 6749 §6 invalid_scope: must not exceed the original grant
            throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope exceeds the original grant");
        }
        // RFC 6749 §5.2 invalid_grant: live, yet not rotatable (its user was deleted meanwhile)
        throw invalidGrant("The refresh token has been revoked");
    }

    private static OAuthProblem invalidGrant(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_GRANT, description);
    }
}
