package dev.portcullis.auth.cimd;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.auth.client.ClientCredentials;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** private_key_jwt with keys from a registered jwks_uri (served by the in-process fake, allow-listed localhost). */
@QuarkusTest
class JwksUriClientAuthenticationTest {

    @TestHTTPResource("/test-cimd/")
    URL base;

    @Test
    void keysAreFetchedFromTheJwksUri() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String name = UUID.randomUUID().toString();
        FakeDocuments.DOCUMENTS.put(name, new FakeDocuments.Document(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Registrations.jwks(pair, "remote")), null));
        String jwksUri = base.toString().replace("127.0.0.1", "localhost") + name;
        String clientId = Registrations.register(Map.of("token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials"), "jwks_uri", jwksUri)).getString("client_id");
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", ClientCredentials.JWT_BEARER_ASSERTION)
                .formParam("client_assertion", Registrations.assertion(pair, "remote", clientId,
                        BrowserFlow.ISSUER + "/token", null, 2))
                .when().post("/token").then().statusCode(200);
    }

    @Test
    void aJwksUriInAPrivateNetworkIsNotFetched() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String clientId = Registrations.register(Map.of("token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials"), "jwks_uri", "https://10.1.2.3/jwks")).getString("client_id");
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", ClientCredentials.JWT_BEARER_ASSERTION)
                .formParam("client_assertion", Registrations.assertion(pair, "k", clientId, BrowserFlow.ISSUER + "/token", null, 2))
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aJwksUriThatFailsIsInvalidClientAndIsNotFetchedAgainAtOnce() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        String name = UUID.randomUUID().toString(); // nothing published: the fake answers 404
        String clientId = Registrations.register(Map.of("token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials"),
                "jwks_uri", base.toString().replace("127.0.0.1", "localhost") + name)).getString("client_id");
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                    .formParam("client_assertion_type", ClientCredentials.JWT_BEARER_ASSERTION)
                    .formParam("client_assertion", Registrations.assertion(pair, "k", clientId, BrowserFlow.ISSUER + "/token", null, 2))
                    .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                    .body("error_description", equalTo("client_assertion is invalid"));
        }
        assertEquals(1, FakeDocuments.FETCHES.get(name).get());
    }
}
