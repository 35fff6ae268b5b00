package dev.portcullis.auth.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.LogCapture;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The same request sent ten times at once: exactly one wins where only one may (a consent, a deletion), every one
 * gets a clean answer, and nothing is logged as a failure.
 */
@QuarkusTest
class ConcurrentRequestsTest {

    private static final int PARALLEL = 10;

    /** Sends the request {@link #PARALLEL} times at once (released together) and returns every answer. */
    private static List<Response> atOnce(Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Response> all = new java.util.ArrayList<>();
            for (Future<Response> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenApprovalsOfOneConsentGiveOneCodeAndErrorPagesForTheRest() throws Exception {
        String clientId = BrowserFlow.registerClient("Double-clicking app");
        String verifier = BrowserFlow.newVerifier();
        Response signInPage = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, verifier));
        Response consentPage = BrowserFlow.signIn(BrowserFlow.page(signInPage), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        assertEquals(200, consentPage.statusCode(), consentPage.asString());
        Document page = BrowserFlow.page(consentPage);
        String session = consentPage.getCookie("portcullis_session");

        List<Response> answers;
        try (LogCapture log = LogCapture.start()) {
            answers = atOnce(() -> BrowserFlow.decide(page, session, "approve"));
            log.assertNoFailureLogged("ten approvals");
        }
        List<Response> redirects = answers.stream().filter(r -> r.statusCode() == 303).toList();
        assertEquals(1, redirects.size(), answers.stream().map(Response::statusCode).toList().toString());
        for (Response other : answers) {
            if (other.statusCode() != 303) {
                assertEquals(400, other.statusCode());
                assertTrue(other.contentType().startsWith("text/html"), other.contentType());
                assertEquals("Cannot continue", BrowserFlow.page(other).selectFirst("h1").text());
            }
        }
        String code = BrowserFlow.query(redirects.get(0).getHeader("Location")).get("code");
        BrowserFlow.exchange(clientId, code, verifier).then().statusCode(200);
    }

    @Test
    void tenSignInsOfOneRequestWithRememberedConsentGiveOneCode() throws Exception {
        String clientId = BrowserFlow.registerClient("Remembered app");
        BrowserFlow.code(clientId, BrowserFlow.newVerifier()); // approves once: the consent is remembered
        Response signInPage = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
        Document page = BrowserFlow.page(signInPage);

        List<Response> answers;
        try (LogCapture log = LogCapture.start()) {
            answers = atOnce(() -> BrowserFlow.signIn(page, BrowserFlow.USERNAME, BrowserFlow.PASSWORD));
            log.assertNoFailureLogged("ten sign-ins");
        }
        long codes = answers.stream().filter(r -> r.statusCode() == 303 && r.getHeader("Location").contains("code=")).count();
        assertEquals(1, codes, answers.stream().map(Response::statusCode).toList().toString());
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 303 || r.statusCode() == 400),
                answers.stream().map(Response::statusCode).toList().toString());
    }

    @Test
    void tenRevocationsOfOneAccessTokenAreAll200() throws Exception {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String id = client.getString("client_id");
        String secret = client.getString("client_secret");
        String token = given().contentType(ContentType.URLENC).auth().preemptive().basic(id, secret)
                .formParam("grant_type", "client_credentials").when().post("/token")
                .then().statusCode(200).extract().path("access_token");

        List<Response> answers;
        try (LogCapture log = LogCapture.start()) {
            answers = atOnce(() -> given().contentType(ContentType.URLENC).auth().preemptive().basic(id, secret)
                    .formParam("token", token).when().post("/revoke"));
            log.assertNoFailureLogged("ten revocations");
        }
        // RFC 7009 §2.2: 200 for each
        assertEquals(List.of(200), answers.stream().map(Response::statusCode).distinct().toList());
        given().contentType(ContentType.URLENC).auth().preemptive().basic(id, secret).formParam("token", token)
                .when().post("/introspect").then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void tenDeletionsOfOneRegistrationGiveOne204AndInvalidTokenForTheRest() throws Exception {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String uri = client.getString("registration_client_uri").replace(BrowserFlow.ISSUER, "");
        String token = client.getString("registration_access_token");

        List<Response> answers;
        try (LogCapture log = LogCapture.start()) {
            answers = atOnce(() -> given().auth().oauth2(token).when().delete(uri));
            log.assertNoFailureLogged("ten deletions");
        }
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
        for (Response other : answers) {
            if (other.statusCode() != 204) {
                assertEquals(401, other.statusCode());
                assertEquals("invalid_token", other.jsonPath().getString("error"));
            }
        }
        given().auth().oauth2(token).when().get(uri).then().statusCode(401);
    }
}
