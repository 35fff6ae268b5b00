package dev.portcullis.client.registration;

import dev.portcullis.client.Randomness;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The private key of a confidential client and the JWS algorithm it signs with: makes the client assertions of
 * {@code private_key_jwt} (RFC 7523 §2.2, §3; OpenID Connect Core §9). The key never appears in {@link #toString()}.
 */
public final class ClientKey {

    /** Lifetime of one assertion: it is sent at once, so a minute is plenty. */
    private static final long LIFETIME_SECONDS = 60;

    private final PrivateKey key;
    private final String algorithm;

    private ClientKey(PrivateKey key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /**
     * Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), EC or RSA.
     *
     * @param algorithm the JWS algorithm (ES256, ES384, RS256, PS256…); null picks ES256 for EC and RS256 for RSA keys
     */
    public static ClientKey fromPem(String pem, String algorithm) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The client private key is not a PEM document", e);
        }
        for (String type : new String[] {"EC", "RSA"}) {
            try {
                PrivateKey key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
                String alg = algorithm != null && !algorithm.isBlank() ? algorithm : ("EC".equals(type) ? "ES256" : "RS256");
                return new ClientKey(key, alg);
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("The client private key is neither a PKCS#8 EC nor RSA key");
    }

    public String algorithm() {
        return algorithm;
    }

    /**
     * A signed client assertion: {@code iss} and {@code sub} the client id, {@code aud} the authorization server's
     * issuer (RFC 7523 §3 allows the issuer identifier), a fresh {@code jti}, short expiry.
     */
    public String assertion(String clientId, String audience, Clock clock) {
        JwtClaims claims = new JwtClaims();
        long now = clock.instant().getEpochSecond();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + LIFETIME_SECONDS));
        claims.setJwtId(Randomness.token(16));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("Cannot sign a client assertion with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ClientKey[algorithm=" + algorithm + ", key=***]";
    }
}
