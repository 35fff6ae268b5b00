package dev.portcullis.auth.db;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops one misleading Agroal warning from the log handlers (console and file, see application.properties), and
 * nothing else: {@code WARN [io.agroal.pool] Datasource '<default>': Closing connection in incorrect state
 * VALIDATION}.
 *
 * <p>Agroal prints it once per dead pooled connection after every database restart, exactly when an operator reads
 * the log, and it reads like a pool bug. It is not one: with {@code quarkus.datasource.jdbc.validate-on-borrow=true}
 * the pool checks a connection before handing it out; when the check fails (the server ended the backend), Agroal's
 * borrow path ({@code ConnectionPool.borrowValidation → performValidation → removeFromPool}; its periodic background
 * validation shares {@code performValidation}) schedules the connection's destruction while it is still in state
 * {@code VALIDATION}, and {@code ConnectionHandler.closeConnection} then complains about that state, although it
 * closes the connection all the same. The dead connection has been replaced: the caller gets another pooled
 * connection or a new one, so the request succeeds. Agroal's own flush of invalid connections
 * ({@code FlushMode.INVALID}) moves the connection to {@code FLUSH} first and logs nothing: the warning is an artefact
 * of the borrow path only. The outage itself is reported where it matters: requests that cannot get a connection are
 * answered 503 and logged on one line by {@link DatabaseOutage}, and readiness ({@code /q/health/ready}) is down
 * until the database answers again.
 *
 * <p>Every other record of {@code io.agroal.pool} (acquisition timeouts, leaks, any other state) is kept.
 */
@LoggingFilter(name = DeadConnectionCloseWarningFilter.NAME)
public final class DeadConnectionCloseWarningFilter implements Filter {

    /** The name application.properties gives to {@code quarkus.log.console.filter} and {@code quarkus.log.file.filter}. */
    public static final String NAME = "agroal-dead-connection-close";

    static final String AGROAL_POOL_LOGGER = "io.agroal.pool";
    static final String MESSAGE = "Closing connection in incorrect state VALIDATION";

    /** Formats a plain JUL record's {@code {0}} parameters; a JBoss LogManager record formats itself. */
    private static final SimpleFormatter PLAIN = new SimpleFormatter();

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(AGROAL_POOL_LOGGER.equals(record.getLoggerName()) && record.getThrown() == null
                && message(record).endsWith(": " + MESSAGE));
    }

    private static String message(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : PLAIN.formatMessage(record);
        return message == null ? "" : message;
    }
}
