package dev.portcullis.auth.user;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignInThrottleTest {

    @Inject
    Passwords passwords;

    @Inject
    SignInThrottle throttle;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Response attempt(String username, String password) {
        String clientId = BrowserFlow.registerClient("Throttled");
        Response signIn = BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier()));
        return BrowserFlow.signIn(page(signIn), username, password);
    }

    @Test
    void afterFiveFailuresTheAccountBacksOffEvenForTheRightPasswordWith429AndRetryAfter() {
        String username = "bob-" + UUID.randomUUID();
        passwords.create(username, "right-password");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attempt(username, "wrong").statusCode());
        }
        Response blocked = attempt(username, "right-password");
        assertEquals(429, blocked.statusCode());
        assertTrue(Long.parseLong(blocked.getHeader("Retry-After")) >= 1);
        assertTrue(page(blocked).selectFirst("#error").text().contains("Too many failed attempts"));

        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, attempt(username, "right-password").statusCode()); // consent page: success clears the count
        assertEquals(401, attempt(username, "wrong").statusCode());
    }

    @Test
    void theBackoffDoublesWithEachFurtherFailureAndAnAddressIsThrottledAcrossAccounts() {
        String address = "203.0.113." + (int) (Math.random() * 200);
        long wait = QuarkusTransaction.requiringNew().call(() -> {
            for (int i = 0; i < 22; i++) {
                throttle.failed("user-" + i + "-" + UUID.randomUUID(), address);
            }
            return throttle.retryAfterSeconds("someone-else", address);
        });
        assertTrue(wait >= 4 && wait <= 5, "wait " + wait); // 20 failures -> 1 s, 21 -> 2 s, 22 -> 4 s
    }
}
