package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientMetadataValidationTest {

    private static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/register").then();
    }

    @Test
    void privateKeyJwtClientWithJwksIsRegisteredWithoutASecret() throws Exception {
        KeyPair pair = Registrations.rsaKeyPair();
        register(Map.of("token_endpoint_auth_method", "private_key_jwt", "grant_types", List.of("client_credentials"),
                "jwks", Registrations.jwks(pair, "k1"))).statusCode(201)
                .body("$", not(hasKey("client_secret")))
                .body("jwks.keys[0].kid", equalTo("k1"))
                .body("response_types.size()", equalTo(0));
    }

    @Test
    void privateKeyJwtWithoutKeysOrWithBothKeysAndUriIsInvalidClientMetadata() throws Exception {
        register(Map.of("token_endpoint_auth_method", "private_key_jwt", "grant_types", List.of("client_credentials")))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
        KeyPair pair = Registrations.rsaKeyPair();
        register(Map.of("token_endpoint_auth_method", "private_key_jwt", "grant_types", List.of("client_credentials"),
                "jwks", Registrations.jwks(pair, "k1"), "jwks_uri", "https://client.example/jwks"))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void malformedOrPrivateJwksIsInvalidClientMetadata() {
        for (Object jwks : List.of("not an object", Map.of("keys", List.of()), Map.of("keys", List.of(Map.of("kty", "oct", "k", "AAAA"))),
                Map.of("keys", List.of(Map.of("kty", "nope"))))) {
            register(Map.of("token_endpoint_auth_method", "private_key_jwt", "grant_types", List.of("client_credentials"),
                    "jwks", jwks)).statusCode(400).body("error", equalTo("invalid_client_metadata"));
        }
    }

    @Test
    void plainHttpJwksUriIsInvalidClientMetadata() {
        register(Map.of("token_endpoint_auth_method", "private_key_jwt", "grant_types", List.of("client_credentials"),
                "jwks_uri", "http://client.example/jwks")).statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void webApplicationsMustUseHttpsRedirectsAndNativeOnesMayUseLoopbackOrPrivateSchemes() {
        register(Map.of("application_type", "web", "redirect_uris", List.of("http://127.0.0.1/cb")))
                .statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("application_type", "web", "redirect_uris", List.of("https://localhost/cb")))
                .statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("application_type", "web", "redirect_uris", List.of("https://app.example/cb")))
                .statusCode(201).body("application_type", equalTo("web"));
        register(Map.of("application_type", "native", "redirect_uris", List.of("http://127.0.0.1/cb", "com.example.app:/cb")))
                .statusCode(201).body("application_type", equalTo("native"));
        register(Map.of("application_type", "native", "redirect_uris", List.of("javascript:alert(1)")))
                .statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("application_type", "desktop", "redirect_uris", List.of("http://127.0.0.1/cb")))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void inconsistentGrantAndResponseTypesAreInvalidClientMetadata() {
        register(Map.of("redirect_uris", List.of("http://127.0.0.1/cb"), "grant_types", List.of("refresh_token")))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
        register(Map.of("token_endpoint_auth_method", "client_secret_basic", "grant_types", List.of("client_credentials"),
                "response_types", List.of("code"))).statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void hostileValuesAreInvalidMetadataNeverAServerError() {
        register(new HashMap<>(Map.of("redirect_uris", List.of("http://127.0.0.1/cb"),
                "grant_types", java.util.Arrays.asList("authorization_code", null))))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
        register(new HashMap<>(Map.of("redirect_uris", java.util.Arrays.asList((Object) null))))
                .statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("redirect_uris", List.of("http://127.0.0.1/cb"), "response_types", java.util.Arrays.asList("code", "token")))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
        register(Map.of("redirect_uris", "http://127.0.0.1/cb"))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
        register(Map.of("redirect_uris", List.of("http://127.0.0.1/cb"), "jwks", Map.of("keys", "nope"),
                "token_endpoint_auth_method", "private_key_jwt"))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }

    @Test
    void oversizedValuesAreRefused() {
        Map<String, Object> body = new HashMap<>();
        body.put("redirect_uris", List.of("https://app.example/" + "a".repeat(2100)));
        register(body).statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        register(Map.of("redirect_uris", List.of("https://app.example/cb"), "client_uri", "ftp://x"))
                .statusCode(400).body("error", equalTo("invalid_client_metadata"));
    }
}
