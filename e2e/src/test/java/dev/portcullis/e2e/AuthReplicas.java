package dev.portcullis.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packaged auth-server processes on one external PostgreSQL, configured from the environment as production
 * configures them: the replicas stand for one issuer (the first one's URL), as behind a load balancer, and share one
 * key-encryption key.
 */
final class AuthReplicas implements AutoCloseable {

    /** One auth-server process and the URL it answers at. */
    record Replica(String url, ServerProcess process) {}

    private final Map<String, String> env;
    private final Path logDir;
    private final int issuerPort;
    private final List<Replica> replicas = new ArrayList<>();

    /**
     * Replicas to be started on the database; {@code extraEnv} adds to (or overrides) their configuration. Logs go
     * to {@code logDir}.
     */
    AuthReplicas(String jdbcUrl, String username, String password, String resource, Map<String, String> extraEnv,
            Path logDir) throws Exception {
        this.logDir = logDir;
        this.issuerPort = ServerProcess.freePort();
        byte[] keyEncryptionKey = new byte[32];
        new SecureRandom().nextBytes(keyEncryptionKey);
        env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", username,
                "QUARKUS_DATASOURCE_PASSWORD", password,
                "PORTCULLIS_ISSUER", "http://localhost:" + issuerPort,
                "PORTCULLIS_RESOURCES", resource,
                "PORTCULLIS_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(keyEncryptionKey),
                "PORTCULLIS_BOOTSTRAP_USERNAME", Stack.USER,
                "PORTCULLIS_BOOTSTRAP_PASSWORD", Stack.PASSWORD,
                "QUARKUS_MANAGEMENT_PORT", "0")); // several replicas on one machine: each its own free management port
        env.putAll(extraEnv);
    }

    /** Starts {@code count} more replicas at once and waits until each is ready; the first ever is the issuer's. */
    synchronized List<Replica> start(int count) throws Exception {
        Path jar = Stack.projectRoot().resolve("auth-server/target/quarkus-app/quarkus-run.jar");
        List<Replica> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = replicas.isEmpty() ? issuerPort : ServerProcess.freePort();
            Map<String, String> own = new HashMap<>(env);
            own.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            Replica replica = new Replica("http://localhost:" + port,
                    ServerProcess.start("auth-server-" + (char) ('a' + replicas.size()), jar, own, logDir));
            replicas.add(replica);
            started.add(replica);
        }
        for (Replica replica : started) {
            replica.process().awaitReady(URI.create(replica.url() + "/q/health/ready"), Duration.ofSeconds(90));
        }
        return started;
    }

    synchronized Replica get(int index) {
        return replicas.get(index);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Replica replica : replicas) {
            replica.process().close();
        }
    }
}
