package dev.portcullis.auth.db;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for "the database is not reachable right now": a temporary condition, answered 503 with
 * {@code Retry-After} and {@code temporarily_unavailable}, never 500. It is recognised in an exception's cause chain
 * by PostgreSQL's SQLSTATE (Appendix A of its manual): class 08 (connection exception: refused, closed, I/O error),
 * 57P01/57P02/57P03 (the server is shutting down, crashed, or starting up), 53300 (too many connections); and by
 * Agroal's acquisition timeout, which carries no SQLSTATE (the pool waited {@code acquisition-timeout} for a
 * connection it could not get).
 */
public final class DatabaseOutage {

    /** How long a client is asked to wait (RFC 9110 §10.2.3): a restart takes a few seconds. */
    public static final long RETRY_AFTER_SECONDS = 2;

    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    /** Whether the failure is the database being unreachable, rather than a bug or a bad statement. */
    public static boolean isOutage(Throwable failure) {
        return cause(failure).isPresent();
    }

    /** The SQLException in the chain that shows the outage, for a one-line log message. */
    public static Optional<SQLException> cause(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && isOutage(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static boolean isOutage(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || UNAVAILABLE.contains(state);
        }
        String message = sql.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }

    /**
     * Runs a background job; while the database is unreachable the run is skipped with one line in the log (the next
     * run catches up) instead of the scheduler's stack trace. Any other failure propagates.
     */
    public static void skipWhileDown(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!isOutage(e)) {
                throw e;
            }
            org.jboss.logging.Logger.getLogger(DatabaseOutage.class)
                    .warnf("%s skipped: database unavailable (%s)", job, describe(e));
        }
    }

    /** One line for the log: the SQLSTATE and the driver's message, no stack trace. */
    public static String describe(Throwable failure) {
        return cause(failure).map(sql -> (sql.getSQLState() == null ? "" : sql.getSQLState() + " ") + sql.getMessage())
                .orElse(failure.getClass().getName());
    }
}
