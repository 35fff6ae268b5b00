package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.error.ErrorAnswers;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void connectionFailuresShutdownsAndStartupAreOutagesAnywhereInTheCauseChain() {
        for (String state : new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
            Exception wrapped = new IllegalStateException("Refresh token rotation failed",
                    new RuntimeException(new SQLException("terminating connection", state)));
            assertTrue(DatabaseOutage.isOutage(wrapped), state);
            assertEquals(state + " terminating connection", DatabaseOutage.describe(wrapped));
        }
        assertTrue(DatabaseOutage.isOutage(new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void statementErrorsAndBugsAreNot() {
        assertFalse(DatabaseOutage.isOutage(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.isOutage(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseOutage.isOutage(new SQLException("no state")));
        assertFalse(DatabaseOutage.isOutage(new NullPointerException()));
        assertFalse(DatabaseOutage.isOutage(null));
    }

    @Test
    void anOutageIs503WithRetryAfterAndTemporarilyUnavailable() {
        Response json = ErrorAnswers.unavailable("/token", 2);
        assertEquals(503, json.getStatus());
        assertEquals("2", json.getHeaderString("Retry-After"));
        assertEquals("no-store", json.getHeaderString("Cache-Control"));
        OAuthError body = (OAuthError) json.getEntity();
        assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, body.error());

        Response page = ErrorAnswers.unavailable("/authorize", 2);
        assertEquals(503, page.getStatus());
        assertEquals("2", page.getHeaderString("Retry-After"));
        assertTrue(page.getMediaType().toString().startsWith("text/html"), page.getMediaType().toString());
        assertTrue(page.getEntity().toString().contains("temporarily unavailable"), page.getEntity().toString());
    }
}
