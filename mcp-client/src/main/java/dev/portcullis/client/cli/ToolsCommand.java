package dev.portcullis.client.cli;

import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.PortcullisClient;
import java.net.URI;
import picocli.CommandLine.Command;

@Command(name = "tools", description = "List the tools of an MCP server (signing in first if needed).")
class ToolsCommand extends ClientCommand {

    @Override
    int run(PortcullisClient client, URI url) {
        try (McpSession session = client.connect(url)) {
            for (McpTool tool : session.listTools()) {
                System.out.println(tool.name() + (tool.description() == null ? "" : " — " + tool.description()));
            }
        }
        return OK;
    }
}
