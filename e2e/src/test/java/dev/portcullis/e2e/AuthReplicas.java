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
 * configures them: several replicas stand for one issuer (the first one's URL), as behind a load balancer, and share
 * one key-encryption key.
 */
final class AuthReplicas implements AutoCloseable {

    /** One auth-server process and the URL it answers at. */
    record Replica(String url, ServerProcess process) {}

    private final List<Replica> replicas;

    private AuthReplicas(List<Replica> replicas) {
        this.replicas = replicas;
    }

    /**
     * Starts {@code count} replicas on the database and waits until each is ready; {@code extraEnv} adds to (or
     * overrides) the configuration. Logs go to {@code logDir}.
     */
    static AuthReplicas start(int count, String jdbcUrl, String username, String password, String resource,
            Map<String, String> extraEnv, Path logDir) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(ServerProcess.freePort());
        }
        byte[] keyEncryptionKey = new byte[32];
        new SecureRandom().nextBytes(keyEncryptionKey);
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", username,
                "QUARKUS_DATASOURCE_PASSWORD", password,
                "PORTCULLIS_ISSUER", "http://localhost:" + ports.get(0),
                "PORTCULLIS_RESOURCES", resource,
                "PORTCULLIS_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(keyEncryptionKey),
                "PORTCULLIS_BOOTSTRAP_USERNAME", Stack.USER,
                "PORTCULLIS_BOOTSTRAP_PASSWORD", Stack.PASSWORD,
                "QUARKUS_MANAGEMENT_PORT", "0")); // several replicas on one machine: each its own free management port
        env.putAll(extraEnv);
        Path jar = Stack.projectRoot().resolve("auth-server/target/quarkus-app/quarkus-run.jar");
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(i)));
            String name = count == 1 ? "auth-server" : "auth-server-" + (char) ('a' + i);
            replicas.add(new Replica("http://localhost:" + ports.get(i), ServerProcess.start(name, jar, env, logDir)));
        }
        AuthReplicas started = new AuthReplicas(replicas);
        try {
            for (Replica replica : replicas) {
                replica.process().awaitReady(URI.create(replica.url() + "/q/health/ready"), Duration.ofSeconds(90));
            }
        } catch (Exception | AssertionError e) {
            started.close();
            throw e;
        }
        return started;
    }

    Replica get(int index) {
        return replicas.get(index);
    }

    @Override
    public void close() throws InterruptedException {
        for (Replica replica : replicas) {
            replica.process().close();
        }
    }
}
