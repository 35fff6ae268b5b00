package dev.portcullis.auth.cimd;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientMetadataDocumentTest {

    @TestHTTPResource("/test-cimd/")
    URL base;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Publishes a document; returns its URL, the client_id. */
    private String publish(Map<String, Object> overrides, String cacheControl) throws Exception {
        String name = UUID.randomUUID().toString();
        String url = base.toString().replace("127.0.0.1", "localhost") + name;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("client_id", url);
        doc.put("client_name", "Document App");
        doc.put("redirect_uris", List.of(BrowserFlow.REDIRECT_URI));
        doc.put("grant_types", List.of("authorization_code", "refresh_token"));
        doc.put("token_endpoint_auth_method", "none");
        doc.putAll(overrides);
        FakeDocuments.DOCUMENTS.put(name, new FakeDocuments.Document(new ObjectMapper().writeValueAsString(doc), cacheControl));
        return url;
    }

    private static int fetches(String url) {
        return FakeDocuments.FETCHES.getOrDefault(url.substring(url.lastIndexOf('/') + 1), new AtomicInteger()).get();
    }

    @Test
    void metadataAdvertisesSupport() {
        given().get("/.well-known/oauth-authorization-server").then()
                .body("client_id_metadata_document_supported", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void aDocumentClientCompletesTheFlowAndTheConsentPageShowsTheDocumentsHost() throws Exception {
        String clientId = publish(Map.of(), "max-age=3600");
        String verifier = BrowserFlow.newVerifier();
        Response signIn = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, verifier));
        assertEquals(200, signIn.statusCode(), signIn.asString());
        Response consent = BrowserFlow.signIn(page(signIn), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        assertEquals("localhost", page(consent).selectFirst("#client-host").text());
        Response redirect = BrowserFlow.decide(page(consent), consent.getCookie("portcullis_session"), "approve");
        String code = BrowserFlow.query(redirect.getHeader("Location")).get("code");
        String refresh = BrowserFlow.exchange(clientId, code, verifier).then().statusCode(200).extract().path("refresh_token");
        BrowserFlow.refresh(clientId, refresh).then().statusCode(200);
        assertEquals(1, fetches(clientId)); // cached per Cache-Control max-age
    }

    @Test
    void theDocumentIsFetchedAgainAfterItsCacheLifetime() throws Exception {
        String clientId = publish(Map.of(), "max-age=120");
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier());
        assertEquals(200, BrowserFlow.authorize(params).statusCode());
        assertEquals(200, BrowserFlow.authorize(params).statusCode());
        assertEquals(1, fetches(clientId));
        clock.advance(Duration.ofSeconds(121));
        assertEquals(200, BrowserFlow.authorize(params).statusCode());
        assertEquals(2, fetches(clientId));
    }

    @Test
    void aMismatchedClientIdIsAnErrorPageNotARedirect() throws Exception {
        String clientId = publish(Map.of("client_id", "https://other.example/client"), null);
        Response response = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
        assertEquals(400, response.statusCode());
        assertTrue(page(response).selectFirst("#error").text().contains("differs from its URL"));
    }

    @Test
    void aRedirectUriTheDocumentDoesNotListIsAnErrorPage() throws Exception {
        String clientId = publish(Map.of("redirect_uris", List.of("https://app.example/cb")), null);
        Response response = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
        assertEquals(400, response.statusCode());
        assertNotNull(page(response).selectFirst("#error"));
    }

    @Test
    void anOversizedDocumentOrASecretMethodIsRefused() throws Exception {
        String big = publish(Map.of("client_name", "x".repeat(6000)), null);
        Response response = BrowserFlow.authorize(BrowserFlow.authorizeParams(big, BrowserFlow.newVerifier()));
        assertEquals(400, response.statusCode());
        // the size is the fetch's business, like every fetch failure: one message, the detail in the log
        assertTrue(page(response).selectFirst("#error").text().contains(FetchGuard.NOT_FETCHED));
        String secret = publish(Map.of("token_endpoint_auth_method", "client_secret_basic"), null);
        assertEquals(400, BrowserFlow.authorize(BrowserFlow.authorizeParams(secret, BrowserFlow.newVerifier())).statusCode());
    }

    @Test
    void loopbackAndPlainHttpHostsOutsideTheAllowListAreNotFetched() {
        for (String clientId : List.of("https://127.0.0.1:1/client.json", "https://10.0.0.1/client.json",
                "http://example.com/client.json", "https://localhost/", "https://localhost/a/../b")) {
            Response response = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
            assertEquals(400, response.statusCode(), clientId);
            assertNotNull(page(response).selectFirst("#error"), clientId);
        }
    }

    @Test
    void atTheTokenEndpointAnUnfetchableDocumentClientIsInvalidClient() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("client_id", "https://127.0.0.1:1/client.json").formParam("refresh_token", "x")
                .when().post("/token").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_client"));
    }
}
