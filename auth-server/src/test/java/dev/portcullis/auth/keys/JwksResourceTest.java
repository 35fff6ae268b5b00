package dev.portcullis.auth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
                .body("keys.size()", equalTo(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", equalTo(keys.active().kid()))
                .body("keys[0].e", equalTo("AQAB"))
                .body("keys", everyItem(hasKey("n")))
                .body("keys", everyItem(not(hasKey("d"))))
                .body("keys", everyItem(not(hasKey("p"))));
    }

    @Test
    void activeKeyIsA2048BitRsaKey() {
        assertEquals(2048, keys.active().publicKey().getModulus().bitLength());
    }
}
