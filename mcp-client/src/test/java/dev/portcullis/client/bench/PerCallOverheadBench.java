package dev.portcullis.client.bench;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.fake.FakeHttp;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.token.FileCredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Added latency per authenticated call: the same REST Client interface, once plain with a fixed Authorization header,
 * once from {@link PortcullisClient#authorizedClient} (bearer from memory, guards, proxy). Run with
 * {@code ./mvnw -B -pl mcp-client test -Dtest=PerCallOverheadBench -Dbench=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PerCallOverheadBench {

    @Path("/api")
    public interface Api {
        @GET
        String ping(@HeaderParam("Authorization") String authorization);
    }

    @Path("/api")
    public interface AuthorizedApi {
        @GET
        String ping();
    }

    static final int CALLS = 2000;

    @Test
    void authorizedCallVersusPlainRestClientCall() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else delayed ACKs dominate (~40 ms per call)
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api", exchange -> FakeHttp.send(exchange, 200, "text/plain", "pong"));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        java.nio.file.Path home = Files.createTempDirectory("bench");
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata("http://127.0.0.1:1", "http://127.0.0.1:1/a",
                "http://127.0.0.1:1/t", null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of("S256"), null, null, null, null);
        new FileCredentialStore(home).save(new StoredCredentials(base.toString(), metadata.issuer(), metadata, "c", null,
                "none", "bench-token", Instant.now().plusSeconds(3600), List.of(), null));
        Api plain = RestClientBuilder.newBuilder().baseUri(base).connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS).build(Api.class);
        try (PortcullisClient client = PortcullisClient.builder().home(home).build()) {
            AuthorizedApi authorized = client.authorizedClient(base, AuthorizedApi.class);
            double[] differences = new double[5];
            for (int round = 0; round < 5; round++) {
                double plainMicros = micros(() -> plain.ping("Bearer bench-token"));
                double authorizedMicros = micros(authorized::ping);
                differences[round] = authorizedMicros - plainMicros;
                System.out.printf("round %d: plain %.1f µs/call, authorized %.1f µs/call, added %.1f µs%n", round,
                        plainMicros, authorizedMicros, differences[round]);
            }
            Arrays.sort(differences);
            System.out.printf("BENCH median added latency per authenticated call: %.1f µs%n", differences[2]);
        } finally {
            server.stop(0);
        }
    }

    private static double micros(Runnable call) {
        for (int i = 0; i < CALLS / 3; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1000.0 / CALLS;
    }
}
