package dev.portcullis.auth.token;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.db.Transactions;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.user.User;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Scope;
import dev.portcullis.common.oauth.TokenRequest;
import dev.portcullis.common.oauth.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code grant_type=refresh_token} (OAuth 2.1 §4.3) with rotation. The common case is one SQL statement
 * ({@link RefreshTokenStore#rotate}: claim the live token under its row lock, store the successor); the access token is
 * signed after commit. When the token is not live, the slow path locks the row (SELECT … FOR UPDATE, so every replica
 * agrees) and finds out why. Rejections commit, so that a revocation is kept.
 *
 * <h2>Reuse and the rotation grace period</h2>
 * A rotated token presented again means, by default, that it leaked: the whole family is revoked (OAuth 2.1 §4.3.1,
 * RFC 9700 §4.14.2). One case is not a leak but a lost answer: the rotation committed and the response never reached
 * the client (the connection dropped, a replica died, the database restarted mid-commit), or the client's own
 * concurrent refresh lost the race. Revoking then would sign the user out for a failure that was ours. So within
 * {@code portcullis.token.refresh-grace-period} of the rotation, <em>while the successor has never been used</em>,
 * the same token is answered again: with the same successor refresh token (kept sealed, {@link SuccessorSeal}) and a
 * fresh access token. The answer is idempotent, so two concurrent refreshes both end up holding the one live token.
 * Once the successor has been used, or after the grace period, presenting the rotated token is reuse and revokes the
 * family. Reuse detection is therefore delayed, never lost: a thief who replays a stolen rotated token within the
 * grace period obtains the same successor as the legitimate client, and whichever of the two uses it second presents
 * a rotated token whose successor has been used — the family is revoked. Other authorization servers call this a
 * rotation grace period (Okta) or reuse interval (Auth0); OAuth 2.1 §4.3.1 leaves the detection mechanism to the
 * server.
 */
@ApplicationScoped
public class RefreshTokenGrant {

    private static final Logger LOG = Logger.getLogger(RefreshTokenGrant.class);

    @Inject
    PortcullisConfig config;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokenStore rotation;

    @Inject
    SuccessorSeal seal;

    @Inject
    Clock clock;

    public TokenResponse refresh(Client client, TokenRequest request) {
        String token = TokenForm.required(request.refreshToken(), "refresh_token");
        if (token.length() > 512) {
            // RFC 6749 §5.2 invalid_grant: no token of ours is that long
            throw invalidGrant("Unknown refresh token");
        }
        String scope = null;
        if (request.scope() != null) {
            List<String> requested = Scope.parse(request.scope());
            if (requested.isEmpty()) {
                // RFC 6749 §6 invalid_scope
                throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope is empty");
            }
            scope = Scope.format(requested);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String narrowed = scope;
        Issuance issuance = rotation.rotate(client.clientId, token, now, request.resource(), scope)
                .orElseGet(() -> Transactions.commitEvenOnProblem(() -> refuse(client, token, now, request.resource(), narrowed)));
        return issuer.respond(issuance);
    }

    /**
     * The slow path: the token is not live; lock it and answer why (revoking the family on reuse), or answer again
     * within the grace period. Returns only in that last case.
     */
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
            return answerAgain(stored, token, started, resource, scope).orElseThrow(() -> {
                long revoked = RefreshToken.revokeFamily(stored.familyId);
                LOG.warnf("Rotated refresh token reused by client %s; revoked family of %d token(s)", client.clientId,
                        revoked);
                // OAuth 2.1 §4.3.1, RFC 9700 §4.14.2: reuse of a rotated token revokes the family
                return invalidGrant("The refresh token has already been used");
            });
        }
        if (!stored.expiresAt.isAfter(started)) {
            // OAuth 2.1 §4.3.1 invalid_grant: expired
            throw invalidGrant("The refresh token has expired");
        }
        checkFits(stored, resource, scope);
        // RFC 6749 §5.2 invalid_grant: live, yet not rotatable (its user was deleted meanwhile)
        throw invalidGrant("The refresh token has been revoked");
    }

    /**
     * The rotation grace period: the same successor again, if the token was rotated no longer than the grace period
     * ago and its successor is still unused, unrevoked and unexpired (the successor's row is locked too, so a
     * concurrent use of it is either before — reuse — or after this answer).
     */
    private Optional<Issuance> answerAgain(RefreshToken rotated, String token, Instant started, String resource,
            String scope) {
        if (rotated.usedAt == null || started.isAfter(rotated.usedAt.plus(config.token().refreshGracePeriod()))) {
            return Optional.empty();
        }
        checkFits(rotated, resource, scope);
        return seal.open(token, rotated.successorSealed)
                .flatMap(successor -> RefreshToken.findForUpdate(Hashes.sha256(successor))
                        .filter(next -> next.isLive(started) && next.familyId.equals(rotated.familyId))
                        .flatMap(next -> User.<User>findByIdOptional(next.userId)
                                .map(user -> new Issuance(IssuedGrant.continuing(next, user.username, scope), successor))));
    }

    /** The request's {@code resource} and {@code scope}, when given, must fit the grant the token carries. */
    private static void checkFits(RefreshToken stored, String resource, String scope) {
        if (resource != null && !resource.equals(stored.resource)) {
            // RFC 8707 §2 invalid_target
            throw OAuthProblem.badRequest(OAuthError.INVALID_TARGET, "resource does not match the original grant");
        }
        if (scope != null && !Scope.parse(stored.scope).containsAll(Scope.parse(scope))) {
            // RFC 6749 §6 invalid_scope: must not exceed the original grant
            throw OAuthProblem.badRequest(OAuthError.INVALID_SCOPE, "scope exceeds the original grant");
        }
    }

    private static OAuthProblem invalidGrant(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_GRANT, description);
    }
}
