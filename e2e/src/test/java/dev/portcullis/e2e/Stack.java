package dev.portcullis.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * auth-server and mcp-server, each a separate process started from its packaged build on a random port, shared by
 * all end-to-end tests of one run and stopped when the run ends. auth-server keeps its data in an embedded
 * PostgreSQL under a temporary directory, so it can be restarted on the same data.
 */
final class Stack implements ExtensionContext.Store.CloseableResource {

    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(6);
    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery staple";

    /**
     * HostileInputIT sends thousands of requests and hundreds of failed sign-ins from one address, the load tests
     * thousands of refreshes: the throttles (tested in auth-server's own tests) would answer most of them with 429.
     */
    static final Map<String, String> UNTHROTTLED = Map.of(
            "PORTCULLIS_RATE_LIMIT_TOKEN_PER_SECOND", "1000000",
            "PORTCULLIS_RATE_LIMIT_REGISTER_PER_MINUTE", "1000000",
            "PORTCULLIS_SIGN_IN_ACCOUNT_FAILURES", "1000000",
            "PORTCULLIS_SIGN_IN_ADDRESS_FAILURES", "1000000");

    final Duration accessLifetime;
    final Path root;
    final Path work;
    final String issuer;
    final String mcpUrl;
    /** auth-server's Prometheus metrics, on its management interface. */
    final URI authMetrics;
    private final Map<String, String> authEnv;
    private ServerProcess authServer;
    private final ServerProcess mcpServer;

    /** The stack of this test run, started on first use. */
    static Stack get(ExtensionContext context) {
        return StackExtension.shared(context, Stack.class, () -> new Stack(ACCESS_LIFETIME));
    }

    /** A stack of the caller's own, with access tokens of another lifetime; the caller closes it. */
    static Stack start(Duration accessLifetime) throws Exception {
        return new Stack(accessLifetime);
    }

    private Stack(Duration accessLifetime) throws Exception {
        this.accessLifetime = accessLifetime;
        root = projectRoot();
        work = Files.createTempDirectory("portcullis-e2e");
        int authPort = ServerProcess.freePort();
        int mcpPort = ServerProcess.freePort();
        int authManagementPort = ServerProcess.freePort();
        issuer = "http://localhost:" + authPort;
        mcpUrl = "http://localhost:" + mcpPort + "/mcp";
        authMetrics = URI.create("http://localhost:" + authManagementPort + "/q/metrics");
        authEnv = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(authPort),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(authManagementPort), // /q/metrics, read by tests
                "PORTCULLIS_ISSUER", issuer,
                "PORTCULLIS_RESOURCES", mcpUrl,
                "PORTCULLIS_DATA_DIR", work.resolve("postgres").toString(),
                "PORTCULLIS_BOOTSTRAP_USERNAME", USER,
                "PORTCULLIS_BOOTSTRAP_PASSWORD", PASSWORD,
                "PORTCULLIS_TOKEN_ACCESS_LIFETIME", accessLifetime.toString()));
        authEnv.putAll(UNTHROTTLED);
        authServer = startAuthServer();
        mcpServer = ServerProcess.start("mcp-server", root.resolve("mcp-server/target/quarkus-app/quarkus-run.jar"), Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(mcpPort),
                "PORTCULLIS_RESOURCE", mcpUrl,
                "PORTCULLIS_AUTHORIZATION_SERVERS", issuer,
                "PORTCULLIS_NOTES_DIR", work.resolve("notes").toString(),
                "QUARKUS_OIDC_TOKEN_LIFESPAN_GRACE", "0",
                // the deprecated HTTP+SSE transport switched on, as an operator may, so that the hostile-input sweep
                // covers it too (off by default: mcp-server's TransportSecurityTest)
                "PORTCULLIS_LEGACY_SSE_ENABLED", "true"), work);
        mcpServer.awaitReady(URI.create("http://localhost:" + mcpPort + "/q/health/ready"), Duration.ofSeconds(60));
    }

    private ServerProcess startAuthServer() throws Exception {
        ServerProcess server = ServerProcess.start("auth-server", root.resolve("auth-server/target/quarkus-app/quarkus-run.jar"),
                authEnv, work);
        server.awaitReady(URI.create(issuer + "/q/health/ready"), Duration.ofSeconds(90));
        return server;
    }

    /** The checkout whose packaged applications the tests start. */
    static Path projectRoot() {
        return Path.of(System.getProperty("portcullis.root", "..")).toAbsolutePath().normalize();
    }

    /** Deletes a test's working directory, unless -Dportcullis.e2e.keep=true asks to keep logs and data. */
    static void deleteUnlessKept(Path dir) throws IOException {
        if (Boolean.getBoolean("portcullis.e2e.keep")) {
            System.out.println("e2e: logs and data kept in " + dir);
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    ServerProcess authServer() {
        return authServer;
    }

    ServerProcess mcpServer() {
        return mcpServer;
    }

    /** Stops auth-server and starts it again on the same embedded database. */
    void restartAuthServer() throws Exception {
        authServer.close();
        authServer = startAuthServer();
    }

    @Override
    public void close() throws Exception {
        mcpServer.close();
        authServer.close();
        deleteUnlessKept(work);
    }
}
