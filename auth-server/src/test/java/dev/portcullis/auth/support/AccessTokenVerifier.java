package dev.portcullis.auth.support;

import static io.restassured.RestAssured.given;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/** Verifies access tokens the way a resource server does: signature from /jwks, issuer, audience, expiry. */
public final class AccessTokenVerifier {

    private AccessTokenVerifier() {
    }

    public static JwtContext verify(String token, String audience) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/jwks").asString());
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedIssuer(BrowserFlow.ISSUER)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedType(true, "at+jwt")
                .build();
        return consumer.process(token);
    }

    public static JwtClaims claims(String token) throws Exception {
        return verify(token, BrowserFlow.RESOURCE).getJwtClaims();
    }
}
