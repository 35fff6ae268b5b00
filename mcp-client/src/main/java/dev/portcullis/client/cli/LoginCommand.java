package dev.portcullis.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.token.StoredCredentials;
import java.net.URI;
import picocli.CommandLine.Command;

@Command(name = "login", mixinStandardHelpOptions = true, description = "Sign in to an MCP server and store the credentials.")
class LoginCommand extends ClientCommand {

    @Override
    int run(PortcullisClient client, URI url) {
        client.login(url);
        StoredCredentials credentials = client.credentials(url).orElseThrow();
        if (json) {
            System.out.println(StatusCommand.describe(credentials));
            return OK;
        }
        System.out.println("Signed in to " + url + " as client " + credentials.clientId() + "; scopes: "
                + (credentials.scopes().isEmpty() ? "(none)" : String.join(" ", credentials.scopes())));
        return OK;
    }
}
