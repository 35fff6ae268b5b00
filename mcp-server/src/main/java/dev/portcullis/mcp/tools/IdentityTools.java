package dev.portcullis.mcp.tools;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Tools that show what the server knows about its caller, from the validated access token alone. */
@RegisterForReflection(methods = true, fields = false) // ToolScopes reads its @Tool methods
public class IdentityTools {

    @Inject
    JsonWebToken token;

    /** RFC 9068 names the client {@code client_id}; Keycloak and other OIDC servers name it {@code azp}. */
    @Tool(description = "Tells who you are to this server: user name, subject, OAuth client and granted scopes")
    String whoami() {
        String user = token.<String>claim("preferred_username").orElse(token.getSubject());
        return "user: " + user + "\n"
                + "subject: " + token.getSubject() + "\n"
                + "client_id: " + token.<String>claim("client_id").or(() -> token.claim("azp")).orElse("") + "\n"
                + "scopes: " + token.<String>claim("scope").orElse("");
    }

    @Tool(description = "Echoes the message back")
    String echo(@ToolArg(description = "The text to send back") String message) {
        return message;
    }
}
