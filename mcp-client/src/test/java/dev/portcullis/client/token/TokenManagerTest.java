package dev.portcullis.client.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.client.fake.FakeAuthorizationServer;
import dev.portcullis.client.fake.MutableClock;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@link TokenManager} refreshes, counted at a fake authorization server that rotates refresh tokens (and refuses
 * a rotated one with {@code invalid_grant}). "Another process" is simulated by refreshing and storing a record from
 * outside the manager, as a second command would between this one's check and its lock.
 */
@QuarkusTest
class TokenManagerTest {

    private static final String RESOURCE = "http://127.0.0.1:1/mcp";
    private static final RegisteredClient CLIENT = new RegisteredClient("client-1", null, "none");

    @TempDir
    Path home;

    FakeAuthorizationServer as;
    MutableClock clock;
    FileCredentialStore store;
    TokenClient tokenClient;
    TokenManager manager;
    AuthorizationServerMetadata metadata;

    @BeforeEach
    void start() throws Exception {
        as = new FakeAuthorizationServer();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        store = new FileCredentialStore(home);
        tokenClient = new TokenClient(new Http(Duration.ofSeconds(5), Duration.ofSeconds(5), false), null, clock);
        manager = new TokenManager(store, tokenClient, clock);
        metadata = Json.MAPPER.readValue(as.metadata(), AuthorizationServerMetadata.class);
    }

    @AfterEach
    void stop() {
        as.close();
    }

    /** A stored record with tokens the fake server issued (its client-credentials grant also hands out a refresh token). */
    private StoredCredentials signedIn(long lifetimeSeconds) {
        as.expiresIn = lifetimeSeconds;
        StoredCredentials record = StoredCredentials.from(RESOURCE, metadata, CLIENT,
                tokenClient.clientCredentials(metadata, CLIENT, "mcp:tools", RESOURCE), List.of("mcp:tools"), clock);
        store.save(record);
        return record;
    }

    /** What another process does: refreshes the stored record and stores the result. */
    private StoredCredentials refreshedElsewhere(StoredCredentials stored) {
        StoredCredentials updated = stored.refreshed(
                tokenClient.refresh(metadata, CLIENT, stored.refreshToken(), RESOURCE), clock);
        store.save(updated);
        return updated;
    }

    @Test
    void shortLivedToken_isUsedForMostOfItsLifeNotRefreshedOnEveryRequest() {
        StoredCredentials record = signedIn(6);
        assertEquals(Duration.ofMillis(600), TokenManager.marginFor(record));
        for (int i = 0; i < 10; i++) {
            assertSame(record, manager.fresh(record), "at " + i * 500 + " ms of a 6 s token");
            clock.advance(Duration.ofMillis(500));
        }
        assertEquals(0, as.refreshCount.get());

        clock.advance(Duration.ofMillis(500)); // 5.5 s: inside the last tenth
        StoredCredentials refreshed = manager.fresh(record);
        assertEquals(1, as.refreshCount.get());
        assertNotEquals(record.accessToken(), refreshed.accessToken());
        assertEquals(refreshed, store.load(metadata.issuer(), RESOURCE).orElseThrow(), "stored before handed out");
        assertEquals(clock.instant(), refreshed.issuedAt());
        assertEquals(Duration.ofSeconds(6), refreshed.lifetime());

        assertSame(refreshed, manager.fresh(refreshed));
        assertSame(refreshed, manager.fresh(refreshed));
        assertEquals(1, as.refreshCount.get(), "the new token is not refreshed again at once");
    }

    @Test
    void longLivedToken_isRefreshedThirtySecondsBeforeItExpires() {
        StoredCredentials record = signedIn(3600);
        assertEquals(TokenManager.MAX_EXPIRY_MARGIN, TokenManager.marginFor(record));
        clock.advance(Duration.ofSeconds(3600 - 31));
        assertSame(record, manager.fresh(record));
        assertEquals(0, as.refreshCount.get());

        clock.advance(Duration.ofSeconds(2));
        StoredCredentials refreshed = manager.fresh(record);
        assertEquals(1, as.refreshCount.get());
        assertEquals(clock.instant().plusSeconds(3600), refreshed.expiresAt());
    }

    @Test
    void afterTheLock_aRecordAnotherProcessStoredIsUsedInsteadOfRefreshingAgain() {
        StoredCredentials mine = signedIn(6);
        clock.advance(Duration.ofSeconds(7)); // expired for everyone
        StoredCredentials theirs = refreshedElsewhere(mine);
        assertEquals(1, as.refreshCount.get());

        StoredCredentials fresh = manager.fresh(mine);
        StoredCredentials afterRejection = manager.refreshAfterRejection(mine);
        assertEquals(1, as.refreshCount.get(), "no second refresh: the stored refresh token is not the one known");
        assertEquals(theirs, fresh);
        assertEquals(theirs, afterRejection);
    }

    @Test
    void afterTheLock_aNewAccessTokenWithTheSameRefreshTokenCountsAsRefreshed() {
        StoredCredentials mine = signedIn(6);
        clock.advance(Duration.ofSeconds(7));
        // a server that does not rotate refresh tokens: only the access token changed
        StoredCredentials theirs = new StoredCredentials(RESOURCE, mine.issuer(), metadata, CLIENT.clientId(), null,
                "none", "at-from-elsewhere", clock.instant(), clock.instant().plusSeconds(6), mine.scopes(),
                mine.refreshToken());
        store.save(theirs);

        StoredCredentials fresh = manager.fresh(mine);
        assertEquals(0, as.refreshCount.get(), "the stored access token is not the one known");
        assertEquals(theirs, fresh);
    }

    @Test
    void afterTheLock_aStoredRecordThatIsItselfExpiringIsRefreshedWithItsOwnRefreshToken() {
        StoredCredentials mine = signedIn(6);
        clock.advance(Duration.ofSeconds(7));
        StoredCredentials theirs = refreshedElsewhere(mine);
        clock.advance(Duration.ofSeconds(7)); // theirs has expired too

        StoredCredentials refreshed = manager.fresh(mine);
        assertEquals(2, as.refreshCount.get());
        Map<String, String> last = as.tokenRequests.get(as.tokenRequests.size() - 1);
        assertEquals(theirs.refreshToken(), last.get("refresh_token"), "the rotated token, not the stale one");
        assertEquals(refreshed, store.load(metadata.issuer(), RESOURCE).orElseThrow());
    }

    @Test
    void rejectedToken_thatNobodyReplaced_isRefreshedOnce() {
        StoredCredentials mine = signedIn(3600);
        StoredCredentials refreshed = manager.refreshAfterRejection(mine);
        assertEquals(1, as.refreshCount.get());
        assertNotEquals(mine.accessToken(), refreshed.accessToken());
        assertSame(refreshed, manager.fresh(refreshed));
        assertEquals(1, as.refreshCount.get());
    }

    @Test
    void legacyRecordWithoutIssueTime_getsTheFullMarginUntilItsFirstRefreshRecordsOne() throws Exception {
        StoredCredentials current = signedIn(6);
        // the file as versions before issued_at wrote it, with the tokens the fake server knows
        Files.writeString(store.fileFor(metadata.issuer(), RESOURCE), """
                {
                  "resource" : "%s",
                  "issuer" : "%s",
                  "authorization_server" : %s,
                  "client_id" : "client-1",
                  "client_secret" : null,
                  "token_endpoint_auth_method" : "none",
                  "access_token" : "%s",
                  "expires_at" : "%s",
                  "scopes" : [ "mcp:tools" ],
                  "refresh_token" : "%s"
                }
                """.formatted(RESOURCE, metadata.issuer(), as.metadata(), current.accessToken(),
                current.expiresAt(), current.refreshToken()));
        StoredCredentials legacy = store.load(metadata.issuer(), RESOURCE).orElseThrow();
        assertNull(legacy.issuedAt());
        assertNull(legacy.lifetime());
        assertEquals(current.accessToken(), legacy.accessToken());
        assertEquals(current.expiresAt(), legacy.expiresAt());
        assertEquals(TokenManager.MAX_EXPIRY_MARGIN, TokenManager.marginFor(legacy));

        StoredCredentials refreshed = manager.fresh(legacy); // 6 s left: inside 30 s
        assertEquals(1, as.refreshCount.get());
        assertEquals(clock.instant(), store.load(metadata.issuer(), RESOURCE).orElseThrow().issuedAt());
        assertSame(refreshed, manager.fresh(refreshed));
        assertEquals(1, as.refreshCount.get(), "from then on the margin is a tenth of the lifetime");
    }
}
