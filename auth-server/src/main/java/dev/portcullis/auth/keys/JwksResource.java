package dev.portcullis.auth.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** The JSON Web Key Set (RFC 7517 §5) named by {@code jwks_uri}: public keys only. */
@Path("/jwks")
public class JwksResource {

    @Inject
    SigningKeys keys;

    /** {@code {"keys": [...]}}; each key is the JWK member map produced by jose4j. */
    public record JsonWebKeySet(@JsonProperty("keys") List<Map<String, Object>> keys) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonWebKeySet jwks() {
        return new JsonWebKeySet(keys.published().stream().map(JwksResource::toJwk).toList());
    }

    private static Map<String, Object> toJwk(SigningKeys.LoadedKey key) {
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
        } catch (JoseException e) {
            throw new IllegalStateException("Unsupported key type for " + key.kid(), e);
        }
        jwk.setKeyId(key.kid());
        jwk.setAlgorithm(key.algorithm());
        jwk.setUse("sig");
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
