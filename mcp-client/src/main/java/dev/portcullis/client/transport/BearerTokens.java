package dev.portcullis.client.transport;

/** Supplies the access token for MCP requests (RFC 6750 §2.1). */
public interface BearerTokens {

    /** The token to send now; may refresh first when it is about to expire. */
    String current();

    /**
     * A different token after the resource server answered 401 to {@code rejected}: refreshed, or obtained by signing
     * in again. Throws when neither is possible.
     */
    String afterRejection(String rejected);
}
