package dev.portcullis.client.token;

import static dev.portcullis.client.token.FileCredentialStoreTest.ISSUER;
import static dev.portcullis.client.token.FileCredentialStoreTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link CredentialStore} promises, for the file store and the in-memory store alike. */
class CredentialStoresTest {

    @TempDir
    Path temp;

    static List<Arguments> stores() {
        Function<Path, CredentialStore> files = FileCredentialStore::new;
        Function<Path, CredentialStore> memory = directory -> new InMemoryCredentialStore();
        return List.of(Arguments.of("file", files), Arguments.of("memory", memory));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSavedRecord_isLoadedAndReplacedWhole(String name, Function<Path, CredentialStore> make) {
        CredentialStore store = make.apply(temp);
        assertTrue(store.load(ISSUER, "http://localhost:8080/mcp").isEmpty());
        store.save(record("http://localhost:8080/mcp", "at-1", "rt-1"));
        store.save(record("http://localhost:8080/mcp", "at-2", "rt-2"));

        StoredCredentials loaded = store.load(ISSUER, "http://LOCALHOST:8080/mcp/").orElseThrow();
        assertEquals("at-2", loaded.accessToken());
        assertEquals("rt-2", loaded.refreshToken());
        assertEquals(1, store.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void findByResourceAndDelete_matchNormalisedUrls(String name, Function<Path, CredentialStore> make) {
        CredentialStore store = make.apply(temp);
        store.save(record("http://localhost:8080/mcp", "a", "r"));
        store.save(record("http://localhost:8081/mcp", "b", "s"));

        assertEquals("a", store.findByResource(URI.create("http://localhost:8080/mcp/")).get(0).accessToken());
        store.delete(ISSUER, "http://localhost:8080/mcp/");
        assertTrue(store.findByResource(URI.create("http://localhost:8080/mcp")).isEmpty());
        assertEquals(List.of("b"), store.all().stream().map(StoredCredentials::accessToken).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theLockOfARecord_letsOneRefresherInAtATime(String name, Function<Path, CredentialStore> make)
            throws Exception {
        CredentialStore store = make.apply(temp);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    return store.withLock(ISSUER, "http://localhost:8080/mcp", () -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inside.decrementAndGet();
                        return "ran";
                    });
                }));
            }
            start.countDown();
            for (Future<String> result : done) {
                assertEquals("ran", result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, mostInside.get());
    }
}
