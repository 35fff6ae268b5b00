package dev.portcullis.auth.cimd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link FetchGuard}, with fake fetches (no network): breakers per host, bounded fetches in flight,
 * the per-address rate, remembered failures, one message for every failure. Hosts and caller addresses are unique
 * per test, so tests do not share a breaker or a counter. Bounds as configured by default: 8 in flight, 2 per host,
 * 40 fetches per address and minute in tests.
 */
@QuarkusTest
class FetchGuardTest {

    @Inject
    FetchGuard guard;

    @Inject
    MutableClock clock;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void cleanUp() {
        threads.shutdownNow();
        clock.reset();
    }

    private URI url(String host, String path) {
        return URI.create("https://" + host + "-" + run + ".example/" + path);
    }

    private String caller() {
        return "caller-" + UUID.randomUUID();
    }

    @Test
    void afterOneHostsBreakerOpensItsFetchesFailAtOnceWhileAnotherHostStillFetches() throws Exception {
        String caller = caller();
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            var failed = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> guard.fetch(
                    url("failing", "doc-" + attempts.get()), caller, "test", () -> {
                        attempts.incrementAndGet();
                        throw new IOException("connect timed out");
                    }));
            assertEquals(FetchGuard.NOT_FETCHED, failed.getMessage());
        }
        assertEquals(4, attempts.get());
        // a new URL on the failing host: the breaker is open, so it is not even tried
        var open = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> guard.fetch(
                url("failing", "another"), caller, "test", () -> {
                    attempts.incrementAndGet();
                    return "never";
                }));
        assertEquals(FetchGuard.NOT_FETCHED, open.getMessage());
        assertFalse(open instanceof FetchUnavailable);
        assertEquals(4, attempts.get());
        // another host is not affected
        assertEquals("document", guard.fetch(url("healthy", "doc"), caller, "test", () -> "document"));
    }

    @Test
    void refusalsLikeAMissingDocumentDoNotOpenTheBreaker() throws Exception {
        String caller = caller();
        for (int i = 0; i < 6; i++) {
            int n = i;
            assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> guard.fetch(url("victim", "missing-" + n),
                    caller, "test", () -> {
                        throw new MetadataDocumentFetcher.FetchRefused("answered HTTP 404");
                    }));
        }
        assertEquals("the real document", guard.fetch(url("victim", "client.json"), caller, "test", () -> "the real document"));
    }

    @Test
    void fetchesBeyondTheBoundPerHostAreRefusedAtOnceWithoutHoldingTheCaller() throws Exception {
        HeldFetches held = holdInFlight(List.of(url("slow", "doc-0"), url("slow", "doc-1")));
        try {
            var busy = assertRefusedAtOnceAsBusy(url("slow", "third"));
            assertTrue(busy.retryAfterSeconds() >= 1);
            assertTrue(busy.getMessage().contains("try again later"), busy.getMessage());
            // another host still fetches while the slow one holds its two slots
            assertEquals("fast", guard.fetch(url("fast", "doc"), caller(), "test", () -> "fast"));
        } finally {
            held.release();
        }
        held.assertAnswered();
        // the slots are free again, and a busy answer was not remembered as a failure
        assertEquals("now", guard.fetch(url("slow", "third"), caller(), "test", () -> "now"));
    }

    @Test
    void fetchesBeyondTheBoundInAllAreRefusedAtOnce() throws Exception {
        List<URI> eightHosts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eightHosts.add(url("busy" + i, "doc"));
        }
        HeldFetches held = holdInFlight(eightHosts);
        try {
            assertRefusedAtOnceAsBusy(url("idle", "doc"));
        } finally {
            held.release();
        }
        held.assertAnswered();
        assertEquals("now", guard.fetch(url("idle", "doc"), caller(), "test", () -> "now"));
    }

    @Test
    void aCallerAddressThatCausedTooManyFetchesIsRefusedWith429AndOthersAreNot() throws Exception {
        startOfAMinute();
        String caller = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 40; i++) {
            assertEquals("ok", guard.fetch(url("many", "doc-" + i), caller, "test", () -> "ok"));
        }
        var limited = assertThrows(FetchUnavailable.class, () -> guard.fetch(url("many", "one-more"), caller, "test",
                () -> "never"));
        assertEquals(429, limited.status());
        assertTrue(limited.retryAfterSeconds() >= 1 && limited.retryAfterSeconds() <= 60, "" + limited.retryAfterSeconds());
        assertEquals("ok", guard.fetch(url("many", "one-more"), caller(), "test", () -> "ok"));
    }

    @Test
    void anIpv6CallerIsCountedPerSlash64() throws Exception {
        startOfAMinute();
        String prefix = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":7:";
        for (int i = 0; i < 40; i++) {
            String caller = prefix + Integer.toHexString(i + 1) + ":0:0:1"; // a new address of the same /64 each time
            assertEquals("ok", guard.fetch(url("v6", "doc-" + i), caller, "test", () -> "ok"));
        }
        var limited = assertThrows(FetchUnavailable.class, () -> guard.fetch(url("v6", "more"), prefix + "ffff::2",
                "test", () -> "never"));
        assertEquals(429, limited.status());
        assertEquals("ok", guard.fetch(url("v6", "more"), prefix.replace(":7:", ":8:") + "1::1", "test", () -> "ok"));
    }

    @Test
    void aFailedFetchIsRememberedBrieflyAndRepeatsDoNotFetchAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        URI url = url("flaky", "doc");
        for (int i = 0; i < 3; i++) {
            var failed = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> guard.fetch(url, caller(), "test",
                    () -> {
                        attempts.incrementAndGet();
                        throw new MetadataDocumentFetcher.FetchRefused("answered HTTP 500");
                    }));
            assertEquals(FetchGuard.NOT_FETCHED, failed.getMessage());
        }
        assertEquals(1, attempts.get());
        clock.advance(Duration.ofSeconds(31)); // portcullis.outbound.failure-cache-lifetime is 30 s
        assertEquals("fixed", guard.fetch(url, caller(), "test", () -> {
            attempts.incrementAndGet();
            return "fixed";
        }));
        assertEquals(2, attempts.get());
    }

    @Test
    void everyKindOfFailureGivesTheSameMessageWithoutDetail() {
        List<FetchGuard.Fetch<String>> failures = List.of(
                () -> {
                    throw new MetadataDocumentFetcher.FetchRefused("The host resolves to a non-public address, 10.0.0.7");
                },
                () -> {
                    throw new IOException("Fetching from host failed: Connection refused: /192.0.2.1:443");
                },
                () -> {
                    throw new MetadataDocumentFetcher.FetchRefused("answered HTTP 404");
                },
                () -> {
                    throw new IOException("No complete answer from host within 3000 ms");
                },
                () -> {
                    throw new MetadataDocumentFetcher.FetchRefused("The host cannot be resolved");
                },
                () -> {
                    throw new IllegalStateException("unexpected");
                });
        int i = 0;
        for (FetchGuard.Fetch<String> failure : failures) {
            var refused = assertThrows(MetadataDocumentFetcher.FetchRefused.class,
                    () -> guard.fetch(url("kinds" + UUID.randomUUID(), "doc"), caller(), "test", failure), "failure " + i++);
            assertEquals(FetchGuard.NOT_FETCHED, refused.getMessage());
        }
    }

    @Test
    void aRememberedInvalidDocumentKeepsItsReasonAndIsNotFetchedAgain() throws Exception {
        URI url = url("invalid", "doc");
        guard.remember(url, new MetadataDocumentFetcher.FetchRefused("The document's client_id differs from its URL"));
        var again = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> guard.fetch(url, caller(), "test",
                () -> "never"));
        assertEquals("The document's client_id differs from its URL", again.getMessage());
    }

    @Test
    void outsideARequestTheCallerIsUnknownAndTheFetchRuns() throws Exception {
        assertEquals("ok", guard.fetch(url("plain", "doc"), "test", () -> "ok"));
    }

    /** Fetches that stay in flight, each holding its slot, until {@link #release()}; then each answers "late". */
    private record HeldFetches(CountDownLatch released, List<Future<String>> fetches) {

        void release() {
            released.countDown();
        }

        void assertAnswered() throws Exception {
            for (Future<String> fetch : fetches) {
                assertEquals("late", fetch.get(30, TimeUnit.SECONDS));
            }
        }
    }

    /** Starts one fetch of each URL and returns once all of them are in flight. */
    private HeldFetches holdInFlight(List<URI> urls) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(urls.size());
        CountDownLatch released = new CountDownLatch(1);
        List<Future<String>> fetches = new ArrayList<>();
        for (URI url : urls) {
            fetches.add(threads.submit(() -> guard.fetch(url, caller(), "test", () -> {
                entered.countDown();
                await(released);
                return "late";
            })));
        }
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        return new HeldFetches(released, fetches);
    }

    /** A fetch beyond a bound: refused with 503 at once, without waiting for a slot to free up. */
    private FetchUnavailable assertRefusedAtOnceAsBusy(URI url) {
        long start = System.nanoTime();
        var busy = assertThrows(FetchUnavailable.class, () -> guard.fetch(url, caller(), "test", () -> "never"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "waited for a free slot");
        assertEquals(503, busy.status());
        return busy;
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
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
