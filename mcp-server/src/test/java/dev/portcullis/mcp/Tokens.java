package dev.portcullis.mcp;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens shaped like auth-server's (RFC 9068), signed by the {@link FakeAuthorizationServer}'s key. */
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
        return claims.jws().keyId(FakeAuthorizationServer.KEY_ID).header("typ", "at+jwt").sign();
    }

    static String valid() {
        return sign(claims());
    }
}
