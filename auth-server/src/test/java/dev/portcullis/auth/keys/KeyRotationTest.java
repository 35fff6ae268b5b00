package dev.portcullis.auth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyRotationTest {

    @Inject
    SigningKeys keys;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String token(JsonPath client) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void rotationActivatesANewKeyAndKeepsThePreviousPublishedUntilItsTokensExpired() throws Exception {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String before = keys.active().kid();
        String oldToken = token(client);

        clock.advance(Duration.ofDays(31));
        keys.rotateIfDue();
        String after = keys.active().kid();
        assertNotEquals(before, after);

        given().get("/jwks").then().statusCode(200).body("keys.kid", hasItems(before, after));
        AccessTokenVerifier.verify(oldToken, BrowserFlow.RESOURCE); // still verifiable through the JWKS
        String newToken = token(client);
        assertEquals(after, org.jose4j.jwx.JsonWebStructure.fromCompactSerialization(newToken).getKeyIdHeaderValue());
        AccessTokenVerifier.verify(newToken, BrowserFlow.RESOURCE);

        clock.advance(Duration.ofHours(2)); // past the access token lifetime + margin: the old key is withdrawn
        keys.rotateIfDue();
        assertEquals(after, keys.active().kid());
        given().get("/jwks").then().statusCode(200).body("keys.kid", not(hasItem(before))).body("keys.kid", hasItem(after));
    }

    @Test
    void privateKeysAreStoredEncrypted() {
        String kid = keys.active().kid();
        SigningKey stored = QuarkusTransaction.requiringNew().call(() -> SigningKey.<SigningKey>findById(kid));
        assertTrue(stored.encrypted);
        byte[] plain = keys.active().privateKey().getEncoded();
        assertNotEquals(plain.length, stored.privateKey.length);
        assertTrue(stored.privateKey.length == plain.length + 12 + 16);
    }
}
