package dev.portcullis.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.fake.FakeHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts, safe retries and the per-host circuit breaker of every outbound request, against a misbehaving server. */
@QuarkusTest
class ResilienceTest {

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    /** Status of the first {@code failures} answers; 200 after. */
    volatile int failureStatus = 503;
    volatile int failures;
    volatile long stallMillis;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            if (stallMillis > 0) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (n <= failures) {
                FakeHttp.send(exchange, failureStatus, "text/plain", "unavailable");
            } else {
                FakeHttp.send(exchange, 200, "application/json", "{\"ok\":true}");
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/thing");
    }

    static Http http() {
        return new Http(Duration.ofMillis(500), Duration.ofMillis(700), false);
    }

    @Test
    void idempotentRequestAnswered503Twice_isRetriedAndSucceeds() {
        failures = 2;
        HttpResult result = http().call(url(), e -> e.get("application/json"));

        assertEquals(200, result.status());
        assertEquals("{\"ok\":true}", result.body());
        assertEquals(3, requests.get());
    }

    @Test
    void idempotentRequestAlways504_givesUpAfterTwoRetriesWithTheStatus() {
        failures = 100;
        failureStatus = 504;
        HttpResult result = http().call(url(), e -> e.get("application/json"));

        assertEquals(504, result.status());
        assertEquals(1 + Resilience.MAX_RETRIES, requests.get());
    }

    @Test
    void tokenLikeRequestAnswered502_isNotRetried() {
        failures = 1;
        failureStatus = 502;
        HttpResult result = http().call(url(), e -> e.postForm("application/json", null, "grant_type=x"), false);

        assertEquals(502, result.status());
        assertEquals(1, requests.get());
    }

    @Test
    void tokenLikeRequestAnswered503_isRetriedBecauseTheServerDidNotTakeIt() {
        failures = 1;
        HttpResult result = http().call(url(), e -> e.postForm("application/json", null, "grant_type=x"), false);

        assertEquals(200, result.status());
        assertEquals(2, requests.get());
    }

    @Test
    void clientError_isNeverRetried() {
        failures = 1;
        failureStatus = 400;
        HttpResult result = http().call(url(), e -> e.get("application/json"));

        assertEquals(400, result.status());
        assertEquals(1, requests.get());
    }

    @Test
    void stallingServer_failsWithATypedErrorWithinTheTimeoutAndIsNotRetried() {
        stallMillis = 5_000;
        long started = System.nanoTime();
        TransientException e = assertThrows(TransientException.class,
                () -> http().call(url(), r -> r.postForm("application/json", null, "grant_type=x"), false));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000);
        assertTrue(e.getMessage().contains("may or may not have been processed"), e.getMessage());
        assertEquals(1, requests.get());
    }

    @Test
    void hostThatRefusesConnections_isRetriedThenTheBreakerOpensAndFailsFast() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/x");
        Http http = http();
        TransientException first = assertThrows(TransientException.class, () -> http.call(closed, e -> e.get(null)));
        assertTrue(first.getMessage().startsWith("Could not reach"), first.getMessage());
        assertThrows(TransientException.class, () -> http.call(closed, e -> e.get(null)));

        TransientException open = assertThrows(TransientException.class, () -> http.call(closed, e -> e.get(null)));
        assertTrue(open.getMessage().contains("leaves it alone"), open.getMessage());
    }
}
