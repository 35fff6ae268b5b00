package dev.portcullis.conformance.client;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.ToolResult;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.http.Http;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client under test of the MCP conformance suite ({@code conformance client --command "… <this program>"}), built
 * on the mcp-client library's public API: reads {@code MCP_CONFORMANCE_SCENARIO} and {@code MCP_CONFORMANCE_CONTEXT},
 * signs in with a throw-away credential store (the browser step follows the mock's immediate redirect itself), then
 * initializes, lists the tools and calls the first one, like a real session. A test fixture: it is not part of
 * bin/mcp-client.
 */
@TopCommand
@Command(name = "conformance-client", mixinStandardHelpOptions = true,
        description = "Run as the client of the MCP conformance suite (env MCP_CONFORMANCE_SCENARIO/CONTEXT).")
public class ConformanceClient implements Callable<Integer> {

    /** The Client ID Metadata Document URL the suite's CIMD scenario expects. */
    static final URI CONFORMANCE_CLIENT_METADATA_URL = URI.create("https://conformance-test.local/client-metadata.json");

    // bin/mcp-client's exit codes (README, "Command line"), so that the suite's log reads the same
    static final int OK = 0;
    static final int TOOL_ERROR = 1;
    static final int USAGE = 2;
    static final int AUTHORIZATION = 3;
    static final int MISCONFIGURED = 4;
    static final int TRANSIENT = 5;

    @Parameters(index = "0", paramLabel = "<mcp-url>", description = "URL of the MCP server (the suite's mock)")
    String serverUrl;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

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
        Path home = null;
        try {
            home = temporaryHome();
            try (PortcullisClient client = builder(home).build()) {
                return run(client, url);
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (verbose) {
                e.printStackTrace();
            }
            return exitCode(e);
        } finally {
            delete(home);
        }
    }

    private static PortcullisClient.Builder builder(Path home) {
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        ConformanceContext context = ConformanceContext.parse(System.getenv("MCP_CONFORMANCE_CONTEXT"));
        PortcullisClient.Builder builder = PortcullisClient.builder()
                .progress(System.err::println)
                .notices(message -> System.err.println("warning: " + message))
                .home(home)
                .browser(new HeadlessBrowser(Http.defaults()))
                .clientMetadataUrl(CONFORMANCE_CLIENT_METADATA_URL);
        if (context.client() != null) {
            builder.preRegisteredClient(context.client());
        }
        if (scenario.contains("client-credentials")) {
            builder.grant(PortcullisClient.Grant.CLIENT_CREDENTIALS);
        }
        return builder;
    }

    private static int run(PortcullisClient client, URI url) {
        try (McpSession session = client.connect(url)) {
            List<McpTool> tools = session.listTools();
            System.out.println("tools: " + tools.stream().map(McpTool::name).toList());
            if (!tools.isEmpty()) {
                ToolResult result = session.callTool(tools.get(0).name(), Map.of());
                System.out.println(result.text());
                return result.isError() ? TOOL_ERROR : OK;
            }
            return OK;
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
        return TOOL_ERROR;
    }

    private static Path temporaryHome() {
        try {
            return Files.createTempDirectory("portcullis-conformance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path home) {
        if (home == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
