package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.client.fake.FakeHttp;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Any REST Client interface gets the bearer, the refresh after a 401 and the transient retries. */
@QuarkusTest
class AuthorizedRestClientTest extends FakeServersTest {

    /** An ordinary MicroProfile REST Client interface, nothing MCP about it. */
    @Path("/notes")
    public interface NotesApi {
        @GET
        @Path("/{id}")
        String note(@PathParam("id") String id);
    }


    HttpServer api;
    final List<String> seenAuthorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger unavailable = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/notes/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seenAuthorizations.add(authorization);
            String token = authorization == null ? null : authorization.substring("Bearer ".length());
            if (unavailable.getAndDecrement() > 0) {
                FakeHttp.send(exchange, 503, "text/plain", "busy");
            } else if (token == null || !as.validAccessTokens.contains(token)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                FakeHttp.send(exchange, 401, "text/plain", "");
            } else {
                FakeHttp.send(exchange, 200, "text/plain", "note " + exchange.getRequestURI().getPath().substring(7));
            }
        });
        api.setExecutor(Executors.newCachedThreadPool());
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    URI apiBase() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    @Test
    void restClientForTheAuthorizedResource_sendsTheStoredBearerToken() throws Exception {
        try (PortcullisClient client = builder().build()) {
            client.login(mcp.url());
            String token = client.credentials(mcp.url()).orElseThrow().accessToken();
            NotesApi notes = client.authorizedClient(mcp.url(), apiBase(), NotesApi.class);

            assertEquals("note 42", notes.note("42"));
            assertEquals(List.of("Bearer " + token), seenAuthorizations);
            ((AutoCloseable) notes).close();
        }
    }

    @Test
    void rejectedTokenAndABusyServer_refreshOnceAndRetryTransparently() throws Exception {
        try (PortcullisClient client = builder().build()) {
            client.login(mcp.url());
            NotesApi notes = client.authorizedClient(mcp.url(), apiBase(), NotesApi.class);
            as.revokeAccessTokens();
            unavailable.set(1);

            assertEquals("note 7", notes.note("7"));

            assertEquals(1, as.refreshCount.get());
            assertEquals(3, seenAuthorizations.size()); // 503 retried, 401, then the refreshed token
            assertTrue(seenAuthorizations.get(2).startsWith("Bearer at-"));
            assertTrue(!seenAuthorizations.get(2).equals(seenAuthorizations.get(1)));
        }
    }
}
