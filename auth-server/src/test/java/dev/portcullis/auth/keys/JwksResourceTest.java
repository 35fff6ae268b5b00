package dev.portcullis.auth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JwksResourceTest {

    @Inject
    SigningKeys keys;

    @Test
    void jwksPublishesTheActiveRsaPublicKeyWithoutPrivateParts() {
        given().when().get("/jwks").then()
                .statusCode(200)
                .contentType("application/json")
                .body("keys.kid", hasItem(keys.active().kid()))
                .body("keys.find { it.kid == '" + keys.active().kid() + "' }.kty", equalTo("RSA"))
                .body("keys.find { it.kid == '" + keys.active().kid() + "' }.alg", equalTo("RS256"))
                .body("keys.find { it.kid == '" + keys.active().kid() + "' }.use", equalTo("sig"))
                .body("keys.find { it.kid == '" + keys.active().kid() + "' }.e", equalTo("AQAB"))
                .body("keys", everyItem(hasKey("n")))
                .body("keys", everyItem(not(hasKey("d"))))
                .body("keys", everyItem(not(hasKey("p"))));
    }

    @Test
    void activeKeyIsA2048BitRsaKey() {
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) keys.active().publicKey()).getModulus().bitLength());
    }
}
