package dev.portcullis.client.cli;

import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.ToolResult;
import dev.portcullis.client.http.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The client under test of the MCP conformance suite ({@code conformance client --command "… conformance"}): reads
 * {@code MCP_CONFORMANCE_SCENARIO} and {@code MCP_CONFORMANCE_CONTEXT}, signs in with a throw-away credential store
 * (the browser step follows the mock's immediate redirect itself), then initializes, lists the tools and calls the
 * first one, like a real session.
 */
@Command(name = "conformance", hidden = true,
        description = "Run as the client of the MCP conformance suite (env MCP_CONFORMANCE_SCENARIO/CONTEXT).")
class ConformanceCommand extends ClientCommand {

    /** The Client ID Metadata Document URL the suite's CIMD scenario expects. */
    static final URI CONFORMANCE_CLIENT_METADATA_URL = URI.create("https://conformance-test.local/client-metadata.json");

    private Path home;

    @Override
    PortcullisClient.Builder builder() {
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        ConformanceContext context = ConformanceContext.parse(System.getenv("MCP_CONFORMANCE_CONTEXT"));
        try {
            home = Files.createTempDirectory("portcullis-conformance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PortcullisClient.Builder builder = super.builder()
                .home(home)
                .browser(new HeadlessBrowser(Http.defaults()))
                .clientMetadataUrl(clientMetadataUrl != null ? clientMetadataUrl : CONFORMANCE_CLIENT_METADATA_URL);
        if (context.client() != null) {
            builder.preRegisteredClient(context.client());
        }
        if (scenario.contains("client-credentials")) {
            builder.grant(PortcullisClient.Grant.CLIENT_CREDENTIALS);
        }
        return builder;
    }

    @Override
    int run(PortcullisClient client, URI url) {
        try (McpSession session = client.connect(url)) {
            List<McpTool> tools = session.listTools();
            System.out.println("tools: " + tools.stream().map(McpTool::name).toList());
            if (!tools.isEmpty()) {
                ToolResult result = session.callTool(tools.get(0).name(), Map.of());
                System.out.println(result.text());
                return result.isError() ? TOOL_ERROR : OK;
            }
            return OK;
        } finally {
            deleteHome();
        }
    }

    private void deleteHome() {
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
