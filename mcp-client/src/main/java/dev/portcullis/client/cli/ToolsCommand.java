package dev.portcullis.client.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.client.McpSession;
import dev.portcullis.client.McpTool;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.http.Json;
import java.net.URI;
import picocli.CommandLine.Command;

@Command(name = "tools", mixinStandardHelpOptions = true, description = "List the tools of an MCP server (signing in first if needed).")
class ToolsCommand extends ClientCommand {

    @Override
    int run(PortcullisClient client, URI url) {
        try (McpSession session = client.connect(url)) {
            if (json) {
                ArrayNode out = Json.MAPPER.createArrayNode();
                for (McpTool tool : session.listTools()) {
                    ObjectNode node = out.addObject().put("name", tool.name()).put("description", tool.description());
                    node.set("inputSchema", tool.inputSchema());
                }
                System.out.println(out);
                return OK;
            }
            for (McpTool tool : session.listTools()) {
                System.out.println(tool.name() + (tool.description() == null ? "" : " — " + tool.description()));
            }
        }
        return OK;
    }
}
