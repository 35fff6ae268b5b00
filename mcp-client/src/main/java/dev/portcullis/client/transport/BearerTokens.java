package dev.portcullis.client.transport;

import dev.portcullis.client.AuthorizationRequiredException;
import java.util.List;

/** Supplies the access token for MCP requests (RFC 6750 §2.1). */
public interface BearerTokens {

    /** The token to send now; may refresh first when it is about to expire. */
    String current();

    /**
     * A different token after the resource server answered 401 to {@code rejected}: refreshed, or obtained by signing
     * in again. Throws when neither is possible.
     */
    String afterRejection(String rejected);

    /**
     * A token with more scope after the resource server answered 403 {@code insufficient_scope} to {@code rejected}
     * (RFC 6750 §3.1; MCP 2025-11-25 "Step-Up Authorization Flow"): authorized again for the union of the held and the
     * challenged scopes. Throws {@link AuthorizationRequiredException} when that is not possible or the attempts are
     * used up.
     */
    default String afterInsufficientScope(String rejected, List<String> challengedScopes) {
        throw new AuthorizationRequiredException("The MCP server needs the scope \"" + String.join(" ", challengedScopes)
                + "\". Sign in again with --scope for it.");
    }

    /** The server accepted a request made with {@code token}. */
    default void accepted(String token) {
    }
}
