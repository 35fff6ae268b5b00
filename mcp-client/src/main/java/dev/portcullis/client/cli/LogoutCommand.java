package dev.portcullis.client.cli;

import dev.portcullis.client.PortcullisClient;
import java.net.URI;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the stored credentials for an MCP server.")
class LogoutCommand extends ClientCommand {

    @Override
    int run(PortcullisClient client, URI url) {
        boolean had = client.credentials(url).isPresent();
        client.logout(url);
        System.out.println(had ? "Signed out of " + url : "No stored credentials for " + url);
        return OK;
    }
}
