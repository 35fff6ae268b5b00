package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

    /**
     * The connections terminated last stay in the pool until a request borrows one and its check fails, which the pool
     * logs as a warning; closed here instead, so that no later test (several watch the log) meets one.
     */
    @AfterEach
    void closeTheTerminatedConnections() {
        dataSource.flush(AgroalDataSource.FlushMode.IDLE);
    }

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
