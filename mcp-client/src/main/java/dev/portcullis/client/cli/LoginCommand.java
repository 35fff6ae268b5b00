package dev.portcullis.client.cli;

import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.token.StoredCredentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Sign in to an MCP server and store the credentials.")
class LoginCommand extends ClientCommand {

    @Option(names = "--scope", paramLabel = "<scope>", description = "A scope to ask for (repeatable).")
    List<String> scopes = new ArrayList<>();

    @Override
    List<String> scopes() {
        return scopes;
    }

    @Override
    int run(PortcullisClient client, URI url) {
        client.login(url);
        StoredCredentials credentials = client.credentials(url).orElseThrow();
        System.out.println("Signed in to " + url + " as client " + credentials.clientId() + "; scopes: "
                + (credentials.scopes().isEmpty() ? "(none)" : String.join(" ", credentials.scopes())));
        return OK;
    }
}
