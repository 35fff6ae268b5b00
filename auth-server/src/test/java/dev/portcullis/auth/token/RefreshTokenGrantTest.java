package dev.portcullis.auth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portcullis.auth.support.AccessTokens;
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
        String verifier = BrowserFlow.newVerifier();
        refreshToken = BrowserFlow.exchange(clientId, BrowserFlow.code(clientId, verifier), verifier)
                .then().statusCode(200).extract().path("refresh_token");
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
        assertEquals(clientId, AccessTokens.claims(response.path("access_token")).getStringClaimValue("client_id"));

        String rotated = response.path("refresh_token");
        String again = BrowserFlow.refresh(clientId, rotated).then().statusCode(200).extract().path("refresh_token");
        assertNotEquals(rotated, again);
    }

    @Test
    void reuseOfARotatedTokenIsInvalidGrantAndRevokesTheFamily() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        clock.advance(Duration.ofSeconds(3)); // past portcullis.token.refresh-reuse-window: not a concurrent refresh

        BrowserFlow.refresh(clientId, refreshToken).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token has already been used"));
        BrowserFlow.refresh(clientId, rotated).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token has been revoked"));
    }

    @Test
    void reuseWithinTheReuseWindowIsRefusedButKeepsTheFamily() {
        String rotated = BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200)
                .extract().path("refresh_token");
        BrowserFlow.refresh(clientId, refreshToken).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token has already been used"));
        BrowserFlow.refresh(clientId, rotated).then().statusCode(200);
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenCannotBothSucceedAndTheFamilySurvives() throws Exception {
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
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
            // The loser raced the rotation: the family is kept, so the winner's new token still works.
            String winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("refresh_token");
            BrowserFlow.refresh(clientId, winner).then().statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void narrowerScopeIsGrantedButTheRefreshTokenKeepsTheOriginalScope() throws Exception {
        Response narrowed = refresh(refreshToken, "notes:read", null);
        narrowed.then().statusCode(200).body("scope", equalTo("notes:read"));
        assertEquals("notes:read", AccessTokens.claims(narrowed.path("access_token")).getStringClaimValue("scope"));
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
        BrowserFlow.refresh(clientId, refreshToken).then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token has expired"));
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
