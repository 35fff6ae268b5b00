package dev.portcullis.auth.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientAuthenticationTest {

    private static final String TOKEN_ENDPOINT = BrowserFlow.ISSUER + "/token";
    private static final List<String> CC = List.of("client_credentials");

    private static RequestSpecification clientCredentials() {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("resource", BrowserFlow.RESOURCE);
    }

    /** Registers a private_key_jwt client whose JWK Set is the pair's public key, as "k1"; returns its client_id. */
    private static String keyClient(KeyPair pair) {
        return Registrations.register(Map.of("token_endpoint_auth_method", "private_key_jwt",
                "grant_types", CC, "jwks", Registrations.jwks(pair, "k1"))).getString("client_id");
    }

    /** A client_credentials request authenticated by the JWT assertion (RFC 7523 §2.2). */
    private static RequestSpecification withAssertion(String assertion) {
        return clientCredentials().formParam("client_assertion_type", ClientCredentials.JWT_BEARER_ASSERTION)
                .formParam("client_assertion", assertion);
    }

    @Test
    void registrationOfASecretClientReturnsASecretThatIsStoredOnlyAsAHash() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        String secret = client.getString("client_secret");
        org.junit.jupiter.api.Assertions.assertEquals(43, secret.length());
        org.junit.jupiter.api.Assertions.assertEquals(0, client.getLong("client_secret_expires_at"));
        String storedHash = storedSecretHash(client.getString("client_id"));
        org.junit.jupiter.api.Assertions.assertNotEquals(secret, storedHash);
        org.junit.jupiter.api.Assertions.assertEquals(dev.portcullis.auth.crypto.Hashes.sha256(secret), storedHash);
    }

    static String storedSecretHash(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> Client.<Client>findById(clientId).clientSecretHash);
    }

    @Test
    void clientSecretBasicAuthenticates() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        clientCredentials().auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void clientSecretBasicDecodesFormUrlEncodedCredentials() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        String encoded = URLEncoder.encode(client.getString("client_id"), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.getString("client_secret"), StandardCharsets.UTF_8);
        clientCredentials().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(encoded.getBytes()))
                .when().post("/token").then().statusCode(200);
    }

    @Test
    void wrongSecretIsInvalidClientWith401AndAChallenge() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        clientCredentials().auth().preemptive().basic(client.getString("client_id"), "wrong")
                .when().post("/token").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"portcullis\"")
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        clientCredentials().header("Authorization", "Basic !!!").when().post("/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        clientCredentials().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        clientCredentials().header("Authorization", "Bearer abc").when().post("/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void clientSecretPostAuthenticates() {
        JsonPath client = Registrations.secretClient("client_secret_post", CC);
        clientCredentials().formParam("client_id", client.getString("client_id"))
                .formParam("client_secret", client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).body("refresh_token", nullValue());
    }

    @Test
    void aMethodOtherThanTheRegisteredOneIsInvalidClient() {
        JsonPath client = Registrations.secretClient("client_secret_post", CC);
        clientCredentials().auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        clientCredentials().formParam("client_id", client.getString("client_id"))
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void twoAuthenticationMethodsAtOnceAreInvalidRequest() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        clientCredentials().auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("client_secret", client.getString("client_secret"))
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void basicClientIdDifferentFromFormClientIdIsInvalidRequest() {
        JsonPath client = Registrations.secretClient("client_secret_basic", CC);
        clientCredentials().auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("client_id", "someone-else")
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void privateKeyJwtWithRegisteredJwksAuthenticatesAndTheJtiCannotBeReplayed() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String clientId = keyClient(pair);
        String assertion = Registrations.assertion(pair, "k1", clientId, TOKEN_ENDPOINT, null, 2);
        withAssertion(assertion).when().post("/token").then().statusCode(200).body("access_token", notNullValue());
        withAssertion(assertion).when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("client_assertion has already been used"));
    }

    @Test
    void privateKeyJwtAcceptsTheIssuerAsAudience() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String clientId = keyClient(pair);
        withAssertion(Registrations.assertion(pair, "k1", clientId, BrowserFlow.ISSUER, null, 2))
                .formParam("client_id", clientId)
                .when().post("/token").then().statusCode(200);
    }

    @Test
    void privateKeyJwtWithWrongAudienceKeyOrLifetimeIsInvalidClient() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String clientId = keyClient(pair);
        for (String assertion : List.of(
                Registrations.assertion(pair, "k1", clientId, "https://elsewhere.example/token", null, 2),
                Registrations.assertion(Registrations.rsaKeyPair(), "k1", clientId, TOKEN_ENDPOINT, null, 2),
                Registrations.assertion(pair, "k1", clientId, TOKEN_ENDPOINT, null, -2),
                Registrations.assertion(pair, "k1", clientId, TOKEN_ENDPOINT, null, 60),
                "not-a-jwt")) {
            withAssertion(assertion).when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void unsupportedAssertionTypeIsInvalidClient() {
        clientCredentials().formParam("client_assertion_type", "urn:example:saml")
                .formParam("client_assertion", "x")
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void privateKeyJwtClientIdDifferentFromTheAssertionIsInvalidClient() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String clientId = keyClient(pair);
        withAssertion(Registrations.assertion(pair, "k1", clientId, TOKEN_ENDPOINT, null, 2))
                .formParam("client_id", "other")
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
