package dev.portcullis.client.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.client.PortcullisClient;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.token.StoredCredentials;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the stored authorizations: resource, issuer, client id, scopes, expiry; never a token or a secret. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "List the stored authorizations (never secrets).")
class StatusCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        try (PortcullisClient client = PortcullisClient.builder().notices(ClientCommand::warning).build()) {
            List<StoredCredentials> all = client.storedCredentials();
            if (json) {
                ArrayNode out = Json.MAPPER.createArrayNode();
                all.forEach(c -> out.add(describe(c)));
                System.out.println(out);
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                System.out.println("No stored authorizations in " + client.credentialsLocation());
            }
            for (StoredCredentials c : all) {
                System.out.println(c.resource() + "  issuer " + c.issuer() + "  client " + c.clientId()
                        + "  scopes " + (c.scopes().isEmpty() ? "(none)" : String.join(" ", c.scopes()))
                        + "  " + expiry(c) + (c.refreshToken() != null ? "  refreshable" : ""));
            }
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            return ExitCodes.failed(e, false);
        }
    }

    private static String expiry(StoredCredentials c) {
        if (c.expiresAt() == null) {
            return "no expiry given";
        }
        return (c.expiresAt().isBefore(Clock.systemUTC().instant()) ? "expired " : "expires ") + c.expiresAt();
    }

    /** The public facts of a record as JSON. */
    static ObjectNode describe(StoredCredentials c) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("resource", c.resource());
        node.put("issuer", c.issuer());
        node.put("client_id", c.clientId());
        node.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        c.scopes().forEach(node.putArray("scopes")::add);
        node.put("expires_at", c.expiresAt() == null ? null : c.expiresAt().toString());
        node.put("refreshable", c.refreshToken() != null);
        return node;
    }
}
