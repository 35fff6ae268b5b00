package dev.portcullis.client.cli;

import dev.portcullis.client.AccessDeniedException;
import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.PortcullisClient;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The command line's exit codes (README, "Command line"), one per kind of failure, and the one {@code error:} line on
 * stderr that goes with them. Public for other programs built on the library (the conformance suite's client), so
 * that their logs read the same.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int TOOL_ERROR = 1;
    public static final int USAGE = 2;
    public static final int AUTHORIZATION = 3;
    public static final int MISCONFIGURED = 4;
    public static final int TRANSIENT = 5;

    private ExitCodes() {
    }

    /** What a command does with its client and the server URL; returns the exit code. */
    @FunctionalInterface
    public interface Command {
        int run(PortcullisClient client, URI serverUrl);
    }

    /**
     * A command on one MCP server from start to end: the URL checked ({@link #USAGE} when it is none), the client built
     * and closed, any failure reported on one line with its exit code.
     */
    public static int run(String serverUrl, boolean verbose, Supplier<PortcullisClient> client, Command command) {
        URI url = serverUrl(serverUrl);
        if (url == null) {
            return USAGE;
        }
        try (PortcullisClient built = client.get()) {
            return command.run(built, url);
        } catch (RuntimeException e) {
            return failed(e, verbose);
        }
    }

    /** The URL of an MCP server given on the command line, or null after the usage error was printed. */
    static URI serverUrl(String argument) {
        try {
            URI url = URI.create(argument);
            if (url.getHost() != null && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        System.err.println("error: " + argument + " is not an http(s) URL of an MCP server.");
        return null;
    }

    /** Prints the failure on one line (with its stack trace when {@code verbose}) and returns its exit code. */
    public static int failed(RuntimeException e, boolean verbose) {
        System.err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (verbose) {
            e.printStackTrace();
        }
        return of(e);
    }

    public static int of(RuntimeException e) {
        if (e instanceof AuthorizationRequiredException || e instanceof AccessDeniedException) {
            return AUTHORIZATION;
        }
        if (e instanceof ServerMisconfiguredException) {
            return MISCONFIGURED;
        }
        if (e instanceof TransientException) {
            return TRANSIENT;
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return TOOL_ERROR; // McpProtocolException, CredentialStorageException and anything unexpected
    }
}
