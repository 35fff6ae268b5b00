package dev.portcullis.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * auth-server on a database of its own that the tests may restart, stop or leave it without: a private
 * {@link PostgresCluster} and an {@link AuthReplicas} group whose first replica ({@link #primary()}) is started at once
 * and never killed. Shared by the tests of issue 11 (DatabaseOutageIT, ReplicaKillIT) in one run, started on first
 * use, stopped when the run ends: each start of auth-server costs tens of seconds.
 */
final class ClusterStack implements ExtensionContext.Store.CloseableResource {

    /** The resource the tokens are for; it is never called. */
    static final String RESOURCE = "http://localhost:1/mcp";
    /**
     * Unthrottled for the load, and the rotation grace period set here rather than taken from its default, since
     * zero lost families depends on it.
     */
    static final Map<String, String> ENV;

    static {
        Map<String, String> env = new HashMap<>(Stack.UNTHROTTLED);
        env.put("PORTCULLIS_TOKEN_REFRESH_GRACE_PERIOD", "PT60S");
        ENV = Map.copyOf(env);
    }

    final Path work;
    final PostgresCluster database;
    final AuthReplicas replicas;

    static ClusterStack get(ExtensionContext context) {
        return StackExtension.shared(context, ClusterStack.class, ClusterStack::new);
    }

    private ClusterStack() throws Exception {
        work = Files.createTempDirectory("portcullis-cluster");
        database = PostgresCluster.startNew();
        System.out.println("ClusterStack: PostgreSQL cluster of " + database.describe());
        replicas = new AuthReplicas(database.jdbcUrl(), PostgresCluster.USER, database.password(), RESOURCE, ENV, work);
        try {
            replicas.start(1);
        } catch (Exception | Error e) {
            replicas.close();
            database.close();
            throw e;
        }
    }

    /** The replica started first: its URL is the issuer's. */
    AuthReplicas.Replica primary() {
        return replicas.get(0);
    }

    /** {@link RefreshLoad#FAMILIES} fresh families (one client, one grant each), authorized at {@code server}. */
    OAuthFlow.Grants families(String server) throws Exception {
        return new OAuthFlow(primary().url(), RESOURCE).grants(RefreshLoad.FAMILIES, "mcp:tools", server);
    }

    @Override
    public void close() throws Exception {
        replicas.close();
        database.close();
        Stack.deleteUnlessKept(work);
    }
}
