package dev.portcullis.client.cli;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every command shares: the server URL, --verbose, and one line on stderr with an exit code per failure kind. */
abstract class ClientCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int TOOL_ERROR = 1;
    static final int USAGE = 2;
    static final int AUTHORIZATION = 3;
    static final int MISCONFIGURED = 4;
    static final int TRANSIENT = 5;

    @Parameters(index = "0", paramLabel = "<mcp-url>", description = "URL of the MCP server, e.g. http://localhost:8080/mcp")
    String serverUrl;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    /** Runs the command with a client; returns the exit code. */
    abstract int run(PortcullisClient client, URI url);

    List<String> scopes() {
        return List.of();
    }

    @Override
    public Integer call() {
        URI url;
        try {
            url = URI.create(serverUrl);
            if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + serverUrl + " is not an http(s) URL of an MCP server.");
            return USAGE;
        }
        try (PortcullisClient client = PortcullisClient.builder().scopes(scopes()).build()) {
            return run(client, url);
        } catch (RuntimeException e) {
            System.err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (verbose) {
                e.printStackTrace();
            }
            return exitCode(e);
        }
    }

    static int exitCode(RuntimeException e) {
        if (e instanceof AuthorizationRequiredException) {
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
