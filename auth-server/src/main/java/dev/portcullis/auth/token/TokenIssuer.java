package dev.portcullis.auth.token;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.keys.SigningKeys;
import dev.portcullis.common.oauth.TokenResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.keys.JwsSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Issues tokens in two steps so that signing never happens inside a database transaction: {@link #store} runs in
 * the grant's transaction; {@link #respond} signs the RFC 9068 JWT access token after commit.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    PortcullisConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    RandomTokens random;

    @Inject
    RefreshTokenStore refreshTokens;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /** Stores a new refresh token for the grant when it may have one; returns its plaintext, or null. */
    public Issuance store(IssuedGrant grant) {
        return new Issuance(grant, grant.refreshAllowed() ? refreshTokens.issue(grant, clock.instant()) : null);
    }

    /** The token response: signs the access token (outside any transaction). */
    public TokenResponse respond(Issuance issuance) {
        IssuedGrant grant = issuance.grant();
        return new TokenResponse(accessToken(grant, clock.instant()), "Bearer", config.token().accessLifetime().toSeconds(),
                issuance.refreshToken(), grant.accessScope());
    }

    private String accessToken(IssuedGrant grant, Instant now) {
        AccessTokenClaims claims = new AccessTokenClaims(config.issuer(), grant.subject(), grant.resource(),
                grant.clientId(), grant.accessScope(), grant.username(),
                grant.authTime() == null ? null : grant.authTime().getEpochSecond(), random.next(16),
                now.getEpochSecond(), now.plus(config.token().accessLifetime()).getEpochSecond());
        try {
            // RFC 9068 §2.1: typ at+jwt
            return JwsSigner.sign(keys.active(), "at+jwt", json.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise access token claims", e);
        }
    }
}
