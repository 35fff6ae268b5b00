package dev.portcullis.mcp;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens shaped like auth-server's (RFC 9068), signed by the {@link FakeIssuer}'s key. */
final class Tokens {

    static final String RESOURCE = "http://localhost:8080/mcp";

    private Tokens() {
    }

    static String issuer() {
        return ConfigProvider.getConfig().getValue("portcullis.authorization-servers", String.class);
    }

    static JwtClaimsBuilder claims() {
        Instant now = Instant.now();
        return Jwt.issuer(issuer())
                .subject("7d0c3a52-4f0e-4b57-9d42-2a7c0b0f7a11")
                .audience(RESOURCE)
                .claim("preferred_username", "alice")
                .claim("client_id", "client-123")
                .claim("scope", "mcp:tools")
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(FakeIssuer.KEY_ID).header("typ", "at+jwt").sign();
    }

    static String valid() {
        return sign(claims());
    }

    /** A token with the given JOSE {@code typ} header, or none at all for {@code null}, signed with jose4j directly. */
    static String signWithType(JwtClaimsBuilder claims, String typ) {
        try {
            String location = ConfigProvider.getConfig().getValue("smallrye.jwt.sign.key.location", String.class);
            String pem = java.nio.file.Files.readString(java.nio.file.Path.of(java.net.URI.create(location)));
            java.security.PrivateKey key = io.smallrye.jwt.util.KeyUtils.decodePrivateKey(
                    pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            // the claims as smallrye-jwt-build would sign them, then a JWS whose headers are exactly these
            String reference = claims.jws().keyId(FakeIssuer.KEY_ID).sign(key);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(reference.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
            jws.setPayload(payload);
            jws.setAlgorithmHeaderValue("RS256");
            jws.setKeyIdHeaderValue(FakeIssuer.KEY_ID);
            if (typ != null) {
                jws.setHeader("typ", typ);
            }
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
