package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.FileHandler;
import org.junit.jupiter.api.Test;

/**
 * application.properties puts DeadConnectionCloseWarningFilter on the console and on the log file (enabled here):
 * Agroal's warning about a dead connection it replaced reaches neither, every other record does.
 */
@QuarkusTest
@TestProfile(LogHandlerFiltersTest.WithLogFile.class)
class LogHandlerFiltersTest {

    static final Path LOG_FILE = Path.of("target", "log-handler-filters-test.log");

    public static class WithLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE.toString());
        }
    }

    @Test
    void consoleAndLogFileDropAgroalsDeadConnectionWarningAndKeepTheRest() throws Exception {
        List<Handler> handlers = new ArrayList<>();
        collect(LogContext.getLogContext().getLogger("").getHandlers(), handlers);
        List<Handler> console = handlers.stream().filter(ConsoleHandler.class::isInstance).toList();
        List<Handler> file = handlers.stream().filter(FileHandler.class::isInstance).toList();
        assertEquals(1, console.size(), handlers.toString());
        assertEquals(1, file.size(), handlers.toString());

        String marker = UUID.randomUUID().toString();
        LogRecord deadConnection = DeadConnectionCloseWarningFilterTest.agroalWarning(
                "Closing connection in incorrect state VALIDATION");
        LogRecord otherState = DeadConnectionCloseWarningFilterTest.agroalWarning(
                "Closing connection in incorrect state CHECKED_OUT " + marker);
        LogRecord other = DeadConnectionCloseWarningFilterTest.logged(
                org.jboss.logging.Logger.getLogger(LogHandlerFiltersTest.class), log -> log.warn("Other warning " + marker));
        for (Handler handler : List.of(console.get(0), file.get(0))) {
            assertFalse(handler.isLoggable(deadConnection), handler.toString());
            assertTrue(handler.isLoggable(otherState), handler.toString());
            assertTrue(handler.isLoggable(other), handler.toString());
        }

        // and what the file holds once they are published
        long before = Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("incorrect state VALIDATION")).count();
        for (LogRecord record : List.of(deadConnection, otherState, other)) {
            file.get(0).publish(record);
        }
        file.get(0).flush();
        List<String> lines = Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(line -> line.contains("incorrect state CHECKED_OUT " + marker)), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("Other warning " + marker)), lines.toString());
        assertEquals(before, lines.stream().filter(line -> line.contains("incorrect state VALIDATION")).count());
    }

    private static void collect(Handler[] handlers, List<Handler> into) {
        for (Handler handler : handlers) {
            into.add(handler);
            if (handler instanceof ExtHandler ext) {
                collect(ext.getHandlers(), into);
            }
        }
    }
}
