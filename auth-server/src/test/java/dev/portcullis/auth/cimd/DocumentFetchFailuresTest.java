package dev.portcullis.auth.cimd;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.client.ClientCredentials;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import dev.portcullis.auth.support.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Client ID Metadata Document that cannot be fetched, through {@code /authorize} and {@code /token}: one message
 * whatever went wrong, failures remembered briefly, and the limit per caller address answered "try again later".
 */
@QuarkusTest
class DocumentFetchFailuresTest {

    private static final String NOT_FETCHED_PAGE = "The application's metadata document cannot be used: "
            + FetchGuard.NOT_FETCHED;

    @TestHTTPResource("/test-cimd/")
    URL base;

    @Inject
    MutableClock clock;

    @Inject
    FetchGuard guard;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String url(String name) {
        return base.toString().replace("127.0.0.1", "localhost") + name;
    }

    /** Publishes a document under a new name, answered with the status; returns its URL. */
    private String publish(int status, Map<String, Object> overrides) throws Exception {
        String name = UUID.randomUUID().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("client_id", url(name));
        doc.put("client_name", "Document App");
        doc.put("redirect_uris", List.of(BrowserFlow.REDIRECT_URI));
        doc.put("grant_types", List.of("authorization_code", "refresh_token"));
        doc.put("token_endpoint_auth_method", "none");
        doc.putAll(overrides);
        FakeDocuments.DOCUMENTS.put(name, new FakeDocuments.Document(new ObjectMapper().writeValueAsString(doc),
                "max-age=3600", status));
        return url(name);
    }

    private static int fetches(String url) {
        return FakeDocuments.FETCHES.getOrDefault(url.substring(url.lastIndexOf('/') + 1), new AtomicInteger()).get();
    }

    private static Response authorize(String clientId) {
        return BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
    }

    @Test
    void everyFailedFetchShowsTheSameMessageWithoutStatusAddressOrCause() throws Exception {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("404", url(UUID.randomUUID().toString()));
        failures.put("500", publish(500, Map.of()));
        failures.put("redirect to an internal address", publish(302, Map.of()));
        failures.put("private address", "https://10.0.0.1/c.json");
        failures.put("documentation address", "https://192.0.2.7/c.json");
        failures.put("loopback outside the allow-list", "https://127.0.0.1:1/c.json");
        failures.put("connection refused", "http://localhost:1/c.json");
        failures.put("unresolvable", "https://no-such-host.invalid/c.json");
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            Response response = authorize(failure.getValue());
            assertEquals(400, response.statusCode(), failure.getKey());
            assertTrue(response.contentType().startsWith("text/html"), failure.getKey());
            assertEquals(NOT_FETCHED_PAGE, page(response).selectFirst("#error").text(), failure.getKey());
            String body = response.asString();
            for (String detail : List.of("404", "500", "302", "10.0.0.1", "192.0.2", "127.0.0.1", "HTTP ",
                    "resolve", "refused", "non-public", "timed out", "Connection")) {
                assertFalse(body.contains(detail), failure.getKey() + " tells " + detail);
            }
        }
    }

    @Test
    void aFailedFetchIsNotRepeatedUntilItsMemoryExpires() {
        String missing = url(UUID.randomUUID().toString());
        assertEquals(400, authorize(missing).statusCode());
        assertEquals(NOT_FETCHED_PAGE, page(authorize(missing)).selectFirst("#error").text());
        assertEquals(1, fetches(missing));
        clock.advance(Duration.ofSeconds(31)); // portcullis.outbound.failure-cache-lifetime: 30 s
        assertEquals(400, authorize(missing).statusCode());
        assertEquals(2, fetches(missing));
    }

    @Test
    void anInvalidDocumentIsRememberedWithItsReason() throws Exception {
        String mismatched = publish(200, Map.of("client_id", "https://other.example/client"));
        for (int i = 0; i < 2; i++) {
            Response response = authorize(mismatched);
            assertEquals(400, response.statusCode());
            assertTrue(page(response).selectFirst("#error").text().contains("differs from its URL"));
        }
        assertEquals(1, fetches(mismatched));
    }

    @Test
    void anAddressThatCausedTooManyFetchesIsAskedToTryLaterAtAuthorizeAndToken() throws Exception {
        startOfAMinute();
        String known = publish(200, Map.of());
        assertEquals(200, authorize(known).statusCode()); // fetch 1 of 40 (portcullis.rate-limit.outbound-fetches-per-address-per-minute)
        for (int i = 2; i <= 40; i++) {
            assertEquals(400, authorize(url(UUID.randomUUID().toString())).statusCode(), "fetch " + i);
        }
        String unfetched = url(UUID.randomUUID().toString());
        Response limited = authorize(unfetched);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.contentType().startsWith("text/html"));
        assertNotNull(limited.getHeader("Retry-After"));
        assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
        assertTrue(page(limited).selectFirst("#error").text().contains("try again later"));
        assertEquals(0, fetches(unfetched));

        // the token endpoint answers in OAuth JSON
        String neverFetched = publish(200, Map.of());
        given().contentType(ContentType.URLENC).formParam("grant_type", "refresh_token")
                .formParam("client_id", neverFetched).formParam("refresh_token", "x")
                .when().post("/token").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"))
                .body("error_description", org.hamcrest.Matchers.containsString("try again later"));
        assertEquals(0, fetches(neverFetched));

        // so does a private_key_jwt client whose jwks_uri would need a fetch
        KeyPair pair = Registrations.rsaKeyPair();
        String jwksName = UUID.randomUUID().toString();
        FakeDocuments.DOCUMENTS.put(jwksName, new FakeDocuments.Document(
                new ObjectMapper().writeValueAsString(Registrations.jwks(pair, "k")), null));
        String keyClient = Registrations.register(Map.of("token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("client_credentials"), "jwks_uri", url(jwksName))).getString("client_id");
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", ClientCredentials.JWT_BEARER_ASSERTION)
                .formParam("client_assertion", Registrations.assertion(pair, "k", keyClient, BrowserFlow.ISSUER + "/token", null, 2))
                .when().post("/token").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));
        assertEquals(0, fetches(url(jwksName)));

        // a document client already known needs no fetch, and is served as before
        assertEquals(200, authorize(known).statusCode());
        assertEquals(1, fetches(known));
        // the fetches above were counted against the caller's own address, not a shared "unknown"
        assertEquals("ok", guard.fetch(URI.create(url(UUID.randomUUID().toString())), "unknown", "test", () -> "ok"));
    }

    /**
     * Moves the clock to just after a minute starts, a day ahead: the per-minute window cannot end during the test,
     * and the real clock never reaches it, so the counts made here do not limit the tests that follow.
     */
    private void startOfAMinute() {
        long intoMinute = clock.millis() % 60_000;
        clock.advance(Duration.ofDays(1).plusMillis(60_000 - intoMinute + 10));
    }
}
