package dev.portcullis.client.cli;

import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.registration.PreRegisteredClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every server command shares: the server URL, client options, --json, --verbose, and one line on stderr with an
 * exit code per failure kind. Progress lines go to stderr too: stdout is for results (and the authorization URL).
 */
abstract class ClientCommand implements Callable<Integer> {

    static final int OK = ExitCodes.OK;
    static final int TOOL_ERROR = ExitCodes.TOOL_ERROR;

    @Parameters(index = "0", paramLabel = "<mcp-url>", description = "URL of the MCP server, e.g. http://localhost:8080/mcp")
    String serverUrl;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    @Option(names = "--scope", paramLabel = "<scope>",
            description = "A scope to ask for when signing in (repeatable; default: what the server asks for).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--client-id", paramLabel = "<id>",
            description = "A client id registered beforehand with the authorization server (no registration then).")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "<secret>",
            description = "The secret of --client-id (or env PORTCULLIS_CLIENT_SECRET).")
    String clientSecret;

    @Option(names = "--client-metadata-url", paramLabel = "<https-url>",
            description = "The https URL of this client's Client ID Metadata Document, used where the server supports it.")
    URI clientMetadataUrl;

    @Option(names = "--no-browser", description = "Only print the authorization URL; do not open a browser.")
    boolean noBrowser;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    /** Runs the command with a client; returns the exit code. */
    abstract int run(PortcullisClient client, URI url);

    /** The client this command uses; commands with their own needs add to it. */
    PortcullisClient.Builder builder() {
        PortcullisClient.Builder builder = PortcullisClient.builder()
                .scopes(scopes)
                .clientMetadataUrl(clientMetadataUrl)
                .progress(System.err::println)
                .notices(ClientCommand::warning);
        String secret = clientSecret != null ? clientSecret : System.getenv("PORTCULLIS_CLIENT_SECRET");
        if (clientId != null) {
            builder.preRegisteredClient(PreRegisteredClient.withSecret(clientId, secret));
        }
        if (noBrowser) {
            builder.browser(url -> {
                System.out.println(url);
                System.out.flush();
            });
        }
        return builder;
    }

    @Override
    public Integer call() {
        return ExitCodes.run(serverUrl, verbose, () -> builder().build(), this::run);
    }

    /** A notice of the library (the credential store repaired permissions), one line on stderr. */
    static void warning(String message) {
        System.err.println("warning: " + message);
    }
}
