package dev.portcullis.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.cimd.FetchGuard;
import dev.portcullis.auth.cimd.FetchUnavailable;
import dev.portcullis.auth.cimd.MetadataDocumentFetcher;
import dev.portcullis.auth.cimd.OutboundHttp;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2, §3; OpenID Connect Core §9): the assertion is signed with a key from
 * the client's registered {@code jwks} or {@code jwks_uri}; {@code iss} and {@code sub} are the client id,
 * {@code aud} the token endpoint, the endpoint called or the issuer, {@code exp} at most five minutes ahead, and its
 * {@code jti} is accepted once (recorded in {@code client_assertion_jtis}, so every replica refuses a replay).
 */
@ApplicationScoped
public class ClientAssertions {

    /** Algorithms accepted for client assertions (also advertised in metadata). */
    public static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");
    private static final int MAX_LIFETIME_MINUTES = 5;
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final int MAX_KEY_SET_BYTES = 64 * 1024;
    private static final int MAX_KEY_SETS = 10_000;

    @Inject
    Clock clock;

    @Inject
    PortcullisConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    OutboundHttp outbound;

    @Inject
    FetchGuard guard;

    /** jose4j's key set per jwks_uri (it caches the keys for their HTTP cache lifetime); bounded, idle ones dropped. */
    private final Cache<String, HttpsJwks> remoteKeySets = Caffeine.newBuilder().maximumSize(MAX_KEY_SETS)
            .expireAfterAccess(1, TimeUnit.HOURS).build();

    /** The client id the assertion claims ({@code iss}), read before verification to find the client's keys. */
    public static String claimedClientId(String assertion) {
        try {
            JwtClaims claims = new JwtConsumerBuilder().setSkipAllValidators().setSkipSignatureVerification()
                    .setDisableRequireSignature().build().processToClaims(assertion);
            return claims.getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            // RFC 7523 §3.2 invalid_client: not a JWT
            throw invalidClient("client_assertion is not a valid JWT");
        }
    }

    /** Verifies the assertion for the client and records its jti; fails with invalid_client. */
    public void verify(Client client, String assertion, List<String> audiences) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(keys(client))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new))
                .setExpectedIssuer(client.clientId)
                .setExpectedSubject(client.clientId)
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
        JwtClaims claims;
        String jti;
        Instant expiresAt;
        try {
            claims = consumer.processToClaims(assertion);
            jti = claims.getJwtId();
            expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue()).plusSeconds(CLOCK_SKEW_SECONDS);
        } catch (InvalidJwtException | MalformedClaimException e) {
            FetchUnavailable later = unavailable(e);
            if (later != null) {
                // the jwks_uri could not be fetched now because of a limit: 429/503 temporarily_unavailable
                throw later.oauthProblem();
            }
            // RFC 7523 §3.2 invalid_client: signature, issuer, subject, audience, expiry or jti check failed
            throw invalidClient("client_assertion is invalid");
        }
        if (jti.length() > 200 || !recordOnce(client.clientId, jti, expiresAt)) {
            // RFC 7523 §3 (jti): an assertion may be used only once
            throw invalidClient("client_assertion has already been used");
        }
    }

    private VerificationKeyResolver keys(Client client) {
        if (client.jwks != null) {
            try {
                return new JwksVerificationKeyResolver(new JsonWebKeySet(client.jwks).getJsonWebKeys());
            } catch (JoseException e) {
                throw invalidClient("The client's registered jwks cannot be used");
            }
        }
        if (client.jwksUri != null) {
            // SSRF defence: fetched through OutboundHttp (https, public addresses only, pinned to the checked address)
            HttpsJwks remote = remoteKeySets.get(client.jwksUri, uri -> {
                HttpsJwks jwks = new HttpsJwks(uri);
                jwks.setSimpleHttpGet(this::getKeySet);
                jwks.setDefaultCacheDuration(300);
                return jwks;
            });
            return new HttpsJwksVerificationKeyResolver(remote);
        }
        throw invalidClient("The client has no registered keys");
    }

    /**
     * jose4j's fetch of a jwks_uri, made by {@link OutboundHttp} within the limits of {@link FetchGuard}. A refusal
     * becomes an IOException for jose4j, with the refusal as its cause (see {@link #unavailable}).
     */
    private SimpleResponse getKeySet(String location) throws IOException {
        URI uri = URI.create(location);
        OutboundHttp.Response response;
        try {
            response = guard.fetch(uri, "jwks_uri", () -> {
                OutboundHttp.Response answer = outbound.get(uri, "application/json", MAX_KEY_SET_BYTES, Duration.ofSeconds(3));
                if (answer.status() != 200) {
                    throw new MetadataDocumentFetcher.FetchRefused("answered HTTP " + answer.status());
                }
                return answer;
            });
        } catch (MetadataDocumentFetcher.FetchRefused e) {
            throw new IOException("jwks_uri not fetched: " + e.getMessage(), e);
        }
        return new SimpleResponse() {
            @Override
            public int getStatusCode() {
                return response.status();
            }

            @Override
            public String getStatusMessage() {
                return "";
            }

            @Override
            public Collection<String> getHeaderNames() {
                return response.headers().keySet();
            }

            @Override
            public List<String> getHeaderValues(String name) {
                return response.headers().get(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public String getBody() {
                return new String(response.body(), StandardCharsets.UTF_8);
            }
        };
    }

    /** The limit that kept the jwks_uri from being fetched, found among jose4j's wrappings, or null. */
    private static FetchUnavailable unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FetchUnavailable later) {
                return later;
            }
        }
        return null;
    }

    /** Inserts the jti in its own transaction; false when it was already there (a replay). */
    private boolean recordOnce(String clientId, String jti, Instant expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT DO NOTHING")
                .setParameter(1, clientId).setParameter(2, jti).setParameter(3, expiresAt)
                .executeUpdate() == 1);
    }

    private static OAuthProblem invalidClient(String description) {
        return new OAuthProblem(401, OAuthError.INVALID_CLIENT, description);
    }
}
