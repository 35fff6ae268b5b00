package dev.portcullis.auth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portcullis.auth.support.AccessTokenVerifier;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import dev.portcullis.auth.crypto.Hashes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshTokenGrantTest {

    @Inject
    MutableClock clock;

    private String clientId;
    private String refreshToken;

    @BeforeEach
    void obtainTokens() {
        clientId = BrowserFlow.registerClient("Refresh Test App");
        refreshToken = BrowserFlow.tokens(clientId).getString("refresh_token");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void refreshRotatesTheTokenAndIssuesANewAccessToken() throws Exception {
        Response response = BrowserFlow.refresh(clientId, refreshToken);
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("mcp:tools notes:read"))
                .body("refresh_token", not(equalTo(refreshToken)));
        assertEquals(clientId, AccessTokenVerifier.claims(response.path("access_token")).getStringClaimValue("client_id"));

        String rotated = response.path("refresh_token");
        String again = BrowserFlow.refresh(clientId, rotated).then().statusCode(200).extract().path("refresh_token");
        assertNotEquals(rotated, again);
    }

    @Test
    void reuseOfARotatedTokenAfterTheGracePeriodIsInvalidGrantAndRevokesTheFamily() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        clock.advance(Duration.ofSeconds(31)); // past portcullis.token.refresh-grace-period (30 s)

        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, refreshToken), "The refresh token has already been used");
        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, rotated), "The refresh token has been revoked");
    }

    @Test
    void aRetryWithinTheGracePeriodGetsTheSameSuccessorAndANewAccessToken() throws Exception {
        Response first = BrowserFlow.refresh(clientId, refreshToken);
        String rotated = first.then().statusCode(200).extract().path("refresh_token");
        clock.advance(Duration.ofSeconds(29)); // the answer was lost; the client retries the same token

        Response again = BrowserFlow.refresh(clientId, refreshToken);
        again.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("refresh_token", equalTo(rotated))
                .body("scope", equalTo("mcp:tools notes:read"));
        assertNotEquals(AccessTokenVerifier.claims(first.path("access_token")).getJwtId(),
                AccessTokenVerifier.claims(again.path("access_token")).getJwtId());
        assertEquals(clientId, AccessTokenVerifier.claims(again.path("access_token")).getStringClaimValue("client_id"));

        BrowserFlow.refresh(clientId, rotated).then().statusCode(200); // the family is alive
    }

    @Test
    void withinTheGracePeriodOnceTheSuccessorHasBeenUsedItIsReuseAndRevokesTheFamily() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        String newest = BrowserFlow.refresh(clientId, rotated).then().statusCode(200).extract().path("refresh_token");

        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, refreshToken), "The refresh token has already been used");
        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, newest), "The refresh token has been revoked");
    }

    @Test
    void aRetryWithinTheGracePeriodMustFitTheGrantAndAnotherClientCannotUseIt() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        refresh(refreshToken, "mcp:tools notes:write", null).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        refresh(refreshToken, null, "https://elsewhere.example/mcp").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
        String otherClient = BrowserFlow.registerClient("Another App");
        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(otherClient, refreshToken), "Unknown refresh token");
        // none of these revoked anything, and a narrower retry still gets the same successor
        refresh(refreshToken, "notes:read", null).then().statusCode(200)
                .body("refresh_token", equalTo(rotated)).body("scope", equalTo("notes:read"));
        BrowserFlow.refresh(clientId, rotated).then().statusCode(200);
    }

    @Test
    void theSuccessorIsStoredSealedNotInTheClear() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        byte[] sealed = QuarkusTransaction.requiringNew().call(() -> RefreshToken.<RefreshToken>findById(
                Hashes.sha256(refreshToken)).successorSealed);
        String stored = new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertFalse(stored.contains(rotated), "the successor is not in the clear");
        org.junit.jupiter.api.Assertions.assertFalse(stored.contains(Hashes.sha256(rotated)));
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenBothGetTheOneSuccessorAndTheFamilySurvives() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Hold the row lock while both requests arrive, so that they really overlap (database locking).
            CountDownLatch locked = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                RefreshToken.findForUpdate(Hashes.sha256(refreshToken)).orElseThrow();
                locked.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            locked.await(10, TimeUnit.SECONDS);
            CountDownLatch start = new CountDownLatch(1);
            Callable<Response> attempt = () -> {
                start.await();
                return BrowserFlow.refresh(clientId, refreshToken);
            };
            Future<Response> first = pool.submit(attempt);
            Future<Response> second = pool.submit(attempt);
            start.countDown();
            holder.get(30, TimeUnit.SECONDS);
            List<Response> responses = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
            List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
            assertEquals(List.of(200, 200), statuses, statuses.toString());
            // One rotation: both hold the same successor, which works.
            List<String> successors = responses.stream().map(r -> r.<String>path("refresh_token")).distinct().toList();
            assertEquals(1, successors.size(), successors.toString());
            BrowserFlow.refresh(clientId, successors.get(0)).then().statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void narrowerScopeIsGrantedButTheRefreshTokenKeepsTheOriginalScope() throws Exception {
        Response narrowed = refresh(refreshToken, "notes:read", null);
        narrowed.then().statusCode(200).body("scope", equalTo("notes:read"));
        assertEquals("notes:read", AccessTokenVerifier.claims(narrowed.path("access_token")).getStringClaimValue("scope"));
        BrowserFlow.refresh(clientId, narrowed.path("refresh_token")).then().statusCode(200)
                .body("scope", equalTo("mcp:tools notes:read"));
    }

    @Test
    void widerScopeIsInvalidScope() {
        refresh(refreshToken, "mcp:tools notes:write", null).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void differentResourceIsInvalidTarget() {
        refresh(refreshToken, null, "http://other.example/mcp").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
    }

    @Test
    void sameResourceIsAccepted() {
        refresh(refreshToken, null, BrowserFlow.RESOURCE).then().statusCode(200);
    }

    @Test
    void expiredRefreshTokenIsInvalidGrant() {
        clock.advance(Duration.ofDays(31));
        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, refreshToken), "The refresh token has expired");
    }

    @Test
    void refreshTokenOfAnotherClientIsInvalidGrant() {
        String other = BrowserFlow.registerClient("Other");
        BrowserFlow.refresh(other, refreshToken).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void unknownRefreshTokenIsInvalidGrant() {
        BrowserFlow.refresh(clientId, "unknown").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void missingRefreshTokenIsInvalidRequest() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", clientId)
                .when().post("/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("refresh_token is required"));
    }

    private Response refresh(String token, String scope, String resource) {
        var request = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", clientId)
                .formParam("refresh_token", token);
        if (scope != null) {
            request.formParam("scope", scope);
        }
        if (resource != null) {
            request.formParam("resource", resource);
        }
        return request.when().post("/token");
    }
}
