package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.LogCapture;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class DeadConnectionCloseWarningFilterTest {

    private final Filter filter = new DeadConnectionCloseWarningFilter();

    /**
     * A warning as Quarkus's Agroal listener logs it ({@code io.quarkus.agroal.runtime.AgroalEventLoggingListener
     * .onWarning}: category {@code io.agroal.pool}, {@code warnv("{0}: {1}", datasource, message)}), captured as the
     * log handlers get it.
     */
    static LogRecord agroalWarning(String message) {
        return logged(org.jboss.logging.Logger.getLogger(DeadConnectionCloseWarningFilter.AGROAL_POOL_LOGGER),
                log -> log.warnv("{0}: {1}", "Datasource '<default>'", message));
    }

    /** The one record {@code call} logs through {@code log}, as the handlers get it (other loggers' records ignored). */
    static LogRecord logged(org.jboss.logging.Logger log, java.util.function.Consumer<org.jboss.logging.Logger> call) {
        try (LogCapture capture = LogCapture.start()) {
            call.accept(log);
            List<LogRecord> records = capture.records().stream()
                    .filter(record -> log.getName().equals(record.getLoggerName())).toList();
            assertEquals(1, records.size());
            return records.get(0);
        }
    }

    @Test
    void dropsAgroalsWarningAboutClosingAConnectionInStateValidation() {
        LogRecord record = agroalWarning("Closing connection in incorrect state VALIDATION");
        assertInstanceOf(ExtLogRecord.class, record);
        assertEquals("Datasource '<default>': Closing connection in incorrect state VALIDATION",
                ((ExtLogRecord) record).getFormattedMessage());
        assertFalse(filter.isLoggable(record));
        assertFalse(filter.isLoggable(agroalWarningFromAnotherDatasource()));

        LogRecord plain = new LogRecord(Level.WARNING, "{0}: {1}");
        plain.setLoggerName("io.agroal.pool");
        plain.setParameters(new Object[] {"Datasource '<default>'", "Closing connection in incorrect state VALIDATION"});
        assertFalse(filter.isLoggable(plain), "a plain JUL record with the same message");
    }

    private static LogRecord agroalWarningFromAnotherDatasource() {
        return logged(org.jboss.logging.Logger.getLogger("io.agroal.pool"),
                log -> log.warnv("{0}: {1}", "Datasource 'replica'", "Closing connection in incorrect state VALIDATION"));
    }

    @Test
    void keepsEveryOtherAgroalWarning() {
        for (String message : List.of("Closing connection in incorrect state CHECKED_OUT",
                "Closing connection in incorrect state VALIDATION, and something else",
                "Acquisition timeout while waiting for new connection",
                "Flushing leak connections with no specified leak timeout.",
                "Unsupported Flush mode IDLE")) {
            assertTrue(filter.isLoggable(agroalWarning(message)), message);
        }
        LogRecord withStackTrace = logged(org.jboss.logging.Logger.getLogger("io.agroal.pool"),
                log -> log.warnv(new SQLException("Closing connection in incorrect state VALIDATION"), "{0}: {1}",
                        "Datasource '<default>'", "Closing connection in incorrect state VALIDATION"));
        assertTrue(filter.isLoggable(withStackTrace), "with a stack trace, it is not the borrow path's warning");
        LogRecord leak = logged(org.jboss.logging.Logger.getLogger("io.agroal.pool"),
                log -> log.warnv("{0}: Connection leak of {1}", "Datasource '<default>'", "conn-1"));
        assertTrue(filter.isLoggable(leak));
    }

    @Test
    void keepsEverythingElse() {
        String words = "Datasource '<default>': Closing connection in incorrect state VALIDATION";
        for (String category : List.of("io.agroal", "io.agroal.pool.ConnectionPool", "dev.portcullis.auth.db", "io")) {
            LogRecord record = logged(org.jboss.logging.Logger.getLogger(category), log -> log.warn(words));
            assertTrue(filter.isLoggable(record), "category '" + category + "'");
        }
        LogRecord outage = logged(org.jboss.logging.Logger.getLogger(DatabaseOutage.class),
                log -> log.warnv("Token endpoint: database unavailable ({0}), answered 503", "57P01"));
        assertTrue(filter.isLoggable(outage));
        LogRecord noMessage = new LogRecord(Level.WARNING, null);
        noMessage.setLoggerName("io.agroal.pool");
        assertTrue(filter.isLoggable(noMessage));
    }
}
