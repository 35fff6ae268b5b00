package dev.portcullis.auth.token;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.keys.SigningKeys;
import dev.portcullis.auth.user.User;
import dev.portcullis.common.oauth.TokenResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues the token response: an RS256 JWT access token per RFC 9068 and, when the client may refresh, a new
 * opaque refresh token whose hash is stored. Callers provide the transaction.
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
    Clock clock;

    public TokenResponse issue(IssuedGrant grant) {
        Instant now = clock.instant();
        User user = User.<User>findByIdOptional(grant.userId()).orElseThrow(() ->
                new IllegalStateException("The grant's user no longer exists"));
        String accessToken = accessToken(grant, user, now);
        String refreshToken = grant.refreshAllowed() ? refreshToken(grant, now) : null;
        return new TokenResponse(accessToken, "Bearer", config.token().accessLifetime().toSeconds(), refreshToken,
                grant.accessScope());
    }

    private String accessToken(IssuedGrant grant, User user, Instant now) {
        SigningKeys.LoadedKey key = keys.active();
        return Jwt.issuer(config.issuer())
                .subject(user.id.toString())
                .audience(grant.resource())
                .claim("client_id", grant.clientId())
                .claim("scope", grant.accessScope())
                .claim("preferred_username", user.username)
                .claim("auth_time", grant.authTime().getEpochSecond())
                .claim("jti", random.next(16))
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(config.token().accessLifetime()).getEpochSecond())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.kid())
                .header("typ", "at+jwt") // RFC 9068 §2.1
                .sign(key.privateKey());
    }

    private String refreshToken(IssuedGrant grant, Instant now) {
        String token = random.next();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = Hashes.sha256(token);
        stored.familyId = grant.familyId() != null ? grant.familyId() : UUID.randomUUID();
        stored.codeHash = grant.codeHash();
        stored.clientId = grant.clientId();
        stored.userId = grant.userId();
        stored.scope = grant.refreshScope();
        stored.resource = grant.resource();
        stored.authTime = grant.authTime();
        stored.createdAt = now;
        stored.expiresAt = now.plus(config.token().refreshLifetime());
        stored.persist();
        return token;
    }
}
