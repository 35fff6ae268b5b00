package dev.portcullis.client.authorization;

import dev.portcullis.client.discovery.DiscoveryResult;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.client.token.StoredCredentials;
import java.net.URI;

/** Where one authorization stands: Unauthorized → Authorizing → Authorized (see {@link AuthorizationManager}). */
public sealed interface OAuthState {

    /** Nothing obtained yet for this server. */
    record Unauthorized(URI serverUrl) implements OAuthState {
    }

    /** The browser was sent to the authorization endpoint; waiting for the redirect back. */
    record Authorizing(DiscoveryResult discovery, RegisteredClient client, PendingAuthorization pending)
            implements OAuthState {
    }

    /** Tokens obtained and stored. */
    record Authorized(StoredCredentials credentials) implements OAuthState {
    }
}
