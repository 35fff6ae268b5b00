package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalDataSourceConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a database restart does to the pool, in-process: every pooled connection is terminated by the server
 * (SQLSTATE 57P01, as {@code pg_ctl restart -m fast} does), and the next requests — Hibernate and plain JDBC paths —
 * still succeed, because the pool checks a connection before handing it out. (The end-to-end DatabaseOutageIT restarts
 * a real PostgreSQL under load.)
 */
@QuarkusTest
class DeadPooledConnectionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void requestsAfterEveryPooledConnectionWasTerminatedSucceed() throws Exception {
        for (int round = 0; round < 3; round++) {
            warmThePool();
            int terminated = terminateEveryOtherConnection();
            assertTrue(terminated > 0, "the pool held connections to terminate");
            String clientId = BrowserFlow.registerClient("After restart " + round);
            String refreshToken = BrowserFlow.tokens(clientId).getString("refresh_token");
            terminateEveryOtherConnection();
            BrowserFlow.refresh(clientId, refreshToken).then().statusCode(200);
        }
    }

    /**
     * The last round leaves dead connections in the pool, and the next test to borrow one would see Agroal's warning
     * of its borrow path (see DeadConnectionCloseWarningFilter; a test that checks that nothing is logged at WARN
     * would fail). Agroal's flush of the invalid connections removes them without a word, but it runs on the pool's
     * housekeeping thread: done when every pooled connection has a live backend again. The pool's counts are
     * Agroal's metrics, switched on for this (Agroal's configuration allows that at run time) and off again.
     */
    @AfterEach
    void leaveNoDeadConnectionInThePool() throws Exception {
        AgroalDataSourceConfiguration configuration = dataSource.getConfiguration();
        boolean metricsEnabled = configuration.metricsEnabled();
        configuration.setMetricsEnabled(true);
        try {
            dataSource.flush(AgroalDataSource.FlushMode.INVALID);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long pooled;
            long live;
            while ((pooled = pooledConnections()) != (live = liveBackends())) {
                assertTrue(System.nanoTime() < deadline, "the flush left " + pooled + " pooled connections for " + live
                        + " live backends");
                Thread.sleep(50);
            }
            AgroalDataSourceMetrics metrics = dataSource.getMetrics();
            long invalid = metrics.invalidCount();
            int borrowed = borrowEveryPooledConnection();
            assertEquals(invalid, metrics.invalidCount(), "of the " + borrowed + " pooled connections, some were dead");
        } finally {
            configuration.setMetricsEnabled(metricsEnabled);
        }
    }

    private long pooledConnections() {
        AgroalDataSourceMetrics metrics = dataSource.getMetrics();
        return metrics.activeCount() + metrics.availableCount();
    }

    /** The application role's backends, counted on a connection of its own (outside the pool). */
    private static long liveBackends() throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement statement = connection.createStatement();
                ResultSet backends = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE usename = current_user AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
            backends.next();
            return backends.getLong(1);
        }
    }

    /** Holds as many connections as the pool has, so that each pooled one is validated on the way out. */
    private int borrowEveryPooledConnection() throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (long i = pooledConnections(); i > 0; i--) {
                borrowed.add(dataSource.getConnection());
            }
            return borrowed.size();
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }

    /** Several requests at once, so that the pool holds more than one idle connection. */
    private static void warmThePool() throws Exception {
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> BrowserFlow.registerClient("warm"));
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The server ends the backends of our role (a role may signal its own backends), as a restart would. */
    private int terminateEveryOtherConnection() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet killed = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
            killed.next();
            Thread.sleep(200); // the backends are gone once the postmaster has reaped them
            return killed.getInt(1);
        }
    }
}
