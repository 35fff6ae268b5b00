package dev.portcullis.auth.token;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Reads access tokens this server issued (for revocation and introspection): signature by a published key,
 * {@code typ at+jwt}, issuer, expiry; and the denylist of revoked ones ({@code revoked_access_tokens}).
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    PortcullisConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    /** A valid access token's claims, as far as signature, issuer and expiry go. */
    public record Verified(String jti, String clientId, String subject, String scope, List<String> audience,
            Instant issuedAt, Instant expiresAt, String username) {
    }

    public Optional<Verified> verify(String token) {
        if (token == null || token.length() > 8192 || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            List<JsonWebKey> jwks = new java.util.ArrayList<>();
            for (SigningKeys.LoadedKey key : keys.published()) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
                jwk.setKeyId(key.kid());
                jwks.add(jwk);
            }
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            SigningKeys.ALGORITHMS.toArray(String[]::new))
                    .setExpectedIssuer(config.issuer())
                    .setExpectedType(true, "at+jwt")
                    .setSkipDefaultAudienceValidation()
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build()
                    .processToClaims(token);
            String jti = claims.getJwtId();
            if (RevokedAccessToken.isRevoked(jti)) {
                return Optional.empty();
            }
            return Optional.of(new Verified(jti, claims.getStringClaimValue("client_id"), claims.getSubject(),
                    claims.getStringClaimValue("scope"), claims.getAudience(),
                    claims.getIssuedAt() == null ? null : Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                    claims.getStringClaimValue("preferred_username")));
        } catch (InvalidJwtException | MalformedClaimException | JoseException e) {
            return Optional.empty();
        }
    }
}
