package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.authorize.AuthorizationCode;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.authorize.PendingRequest;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import dev.portcullis.auth.token.RefreshToken;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExpiredRowsPurgeTest {

    @Inject
    ExpiredRowsPurge purge;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void purgeDeletesRowsThatExpiredAndKeepsLiveOnes() {
        String clientId = BrowserFlow.registerClient("Purge Test App");
        String verifier = BrowserFlow.newVerifier();
        BrowserFlow.exchange(clientId, BrowserFlow.code(clientId, verifier), verifier).then().statusCode(200);
        BrowserFlow.authorize(BrowserFlow.authorizeParams(clientId, verifier)).then().statusCode(200);

        purge.purge();
        assertTrue(count() > 0, "nothing has expired yet");

        clock.advance(Duration.ofDays(31));
        purge.purge();
        assertEquals(0, count());
    }

    @Test
    void unusedDynamicRegistrationsArePurgedAndUsedOnesKept() {
        String unused = BrowserFlow.registerClient("Never used");
        String used = BrowserFlow.registerClient("Used");
        String verifier = BrowserFlow.newVerifier();
        BrowserFlow.exchange(used, BrowserFlow.code(used, verifier), verifier).then().statusCode(200);

        clock.advance(Duration.ofDays(8));
        purge.purge();
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> Client.count("clientId", unused)));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> Client.count("clientId", used)));
    }

    private static long count() {
        return QuarkusTransaction.requiringNew().call(() -> PendingRequest.count() + AuthorizationCode.count()
                + SignInSession.count() + RefreshToken.count());
    }
}
