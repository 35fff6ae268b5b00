package dev.portcullis.auth.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/** Registers confidential clients and builds RFC 7523 client assertions for tests. */
public final class Registrations {

    private Registrations() {
    }

    /** Registers a client; returns the whole registration response. */
    public static JsonPath register(Map<String, Object> metadata) {
        return given().contentType(ContentType.JSON).body(metadata).when().post("/register")
                .then().statusCode(201).extract().jsonPath();
    }

    /** A confidential client with a secret, for the given method and grants. */
    public static JsonPath secretClient(String method, List<String> grantTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", "Confidential " + method);
        body.put("token_endpoint_auth_method", method);
        body.put("grant_types", grantTypes);
        if (grantTypes.contains("authorization_code")) {
            body.put("redirect_uris", List.of(BrowserFlow.REDIRECT_URI));
        }
        return register(body);
    }

    public static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The public JWK Set of the key pair, as registration metadata expects it. */
    public static Map<String, Object> jwks(KeyPair pair, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        return Map.of("keys", List.of(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    /** A private_key_jwt client assertion (RFC 7523 §3). */
    public static String assertion(KeyPair pair, String kid, String clientId, String audience, String jti,
            float lifetimeMinutes) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setJwtId(jti == null ? UUID.randomUUID().toString() : jti);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetimeMinutes);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
