package dev.portcullis.client.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mcp-client <command>}: sign in to MCP servers with OAuth 2.1 and use their tools. */
@TopCommand
@Command(name = "mcp-client", mixinStandardHelpOptions = true, version = "portcullis mcp-client 0.1.0",
        description = "An MCP client that signs in with OAuth 2.1.",
        subcommands = {LoginCommand.class, ToolsCommand.class, CallCommand.class, LogoutCommand.class,
                StatusCommand.class})
public class McpClientCommand {
}
