package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;

/** Registration mode {@code off}, and EdDSA signing keys, in one restart. */
@QuarkusTest
@TestProfile(DisabledRegistrationTest.Profile.class)
class DisabledRegistrationTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.registration.mode", "off", "portcullis.keys.algorithm", "EdDSA");
        }
    }

    @Test
    void registrationIsRefusedWith403AndMetadataOmitsTheEndpoint() {
        given().contentType(ContentType.JSON).body(Map.of("redirect_uris", List.of(BrowserFlow.REDIRECT_URI)))
                .when().post("/register").then().statusCode(403).body("error", equalTo("access_denied"));
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("registration_endpoint", nullValue());
    }

    @Test
    void eddsaTokensVerifyThroughTheJwks() throws Exception {
        given().get("/jwks").then().body("keys.find { it.alg == 'EdDSA' }.kty", equalTo("OKP")).body("keys.find { it.alg == 'EdDSA' }.crv", equalTo("Ed25519"));
        // Registration is off: create the client directly through the registrar, as an operator would.
        var client = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.quarkus.arc.Arc.container().instance(ClientRegistrar.class).get().register(new ClientRegistrationRequest(null, "client_secret_basic",
                        List.of("client_credentials"), null, "ops", null, null, null, null, null, null, null, null, null)));
        String token = given().contentType(ContentType.URLENC).auth().preemptive().basic(client.clientId(), client.clientSecret())
                .formParam("grant_type", "client_credentials").when().post("/token").then().statusCode(200)
                .extract().path("access_token");
        assertEquals("EdDSA", JsonWebStructure.fromCompactSerialization(token).getAlgorithmHeaderValue());
        AccessTokenVerifier.verify(token, BrowserFlow.RESOURCE);
    }
}
