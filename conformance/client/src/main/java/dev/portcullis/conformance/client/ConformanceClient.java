package dev.portcullis.conformance.client;

import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.ToolResult;
import dev.portcullis.client.cli.ExitCodes;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.token.InMemoryCredentialStore;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client under test of the MCP conformance suite ({@code conformance client --command "… <this program>"}), built
 * on the mcp-client library's public API: reads {@code MCP_CONFORMANCE_SCENARIO} and {@code MCP_CONFORMANCE_CONTEXT},
 * signs in keeping the credentials in memory (the browser step follows the mock's immediate redirect itself), then
 * initializes, lists the tools and calls the first one, like a real session. A test fixture: it is not part of
 * bin/mcp-client.
 */
@TopCommand
@Command(name = "conformance-client", mixinStandardHelpOptions = true,
        description = "Run as the client of the MCP conformance suite (env MCP_CONFORMANCE_SCENARIO/CONTEXT).")
public class ConformanceClient implements Callable<Integer> {

    /** The Client ID Metadata Document URL the suite's CIMD scenario expects. */
    static final URI CONFORMANCE_CLIENT_METADATA_URL = URI.create("https://conformance-test.local/client-metadata.json");

    @Parameters(index = "0", paramLabel = "<mcp-url>", description = "URL of the MCP server (the suite's mock)")
    String serverUrl;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    /** bin/mcp-client's exit codes and error line, so that the suite's log reads the same. */
    @Override
    public Integer call() {
        return ExitCodes.run(serverUrl, verbose, () -> builder().build(), ConformanceClient::run);
    }

    private static PortcullisClient.Builder builder() {
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        ConformanceContext context = ConformanceContext.parse(System.getenv("MCP_CONFORMANCE_CONTEXT"));
        PortcullisClient.Builder builder = PortcullisClient.builder()
                .progress(System.err::println)
                .credentialStore(new InMemoryCredentialStore())
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
                return result.isError() ? ExitCodes.TOOL_ERROR : ExitCodes.OK;
            }
            return ExitCodes.OK;
        }
    }
}
