package dev.portcullis.client.authorization;

import dev.portcullis.client.http.Http;
import dev.portcullis.client.registration.PreRegisteredClient;
import dev.portcullis.client.token.CredentialStore;
import dev.portcullis.client.token.InMemoryCredentialStore;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * What an {@link OAuthState} works with; {@link #defaults()} needs nothing. Immutable: each {@code with…} returns a
 * changed copy.
 *
 * @param http              the HTTP client of every request (timeouts, the application's REST Client configuration)
 * @param store             where credential records are kept
 * @param clock             the time of expiry decisions
 * @param preRegistered     a client registered beforehand with the authorization server, or null (then a Client ID
 *                          Metadata Document or Dynamic Client Registration)
 * @param clientMetadataUrl the https URL of this client's Client ID Metadata Document, or null
 */
public record OAuthConfig(Http http, CredentialStore store, Clock clock, PreRegisteredClient preRegistered,
        URI clientMetadataUrl) {

    public OAuthConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        if (clientMetadataUrl != null && !"https".equalsIgnoreCase(clientMetadataUrl.getScheme())) {
            throw new IllegalArgumentException("A client metadata URL must be https: " + clientMetadataUrl);
        }
    }

    /** Default timeouts, credentials in memory only, the system clock, a client registered when needed. */
    public static OAuthConfig defaults() {
        return new OAuthConfig(Http.defaults(), new InMemoryCredentialStore(), Clock.systemUTC(), null, null);
    }

    public OAuthConfig withHttp(Http http) {
        return new OAuthConfig(http, store, clock, preRegistered, clientMetadataUrl);
    }

    public OAuthConfig withStore(CredentialStore store) {
        return new OAuthConfig(http, store, clock, preRegistered, clientMetadataUrl);
    }

    public OAuthConfig withClock(Clock clock) {
        return new OAuthConfig(http, store, clock, preRegistered, clientMetadataUrl);
    }

    public OAuthConfig withPreRegisteredClient(PreRegisteredClient client) {
        return new OAuthConfig(http, store, clock, client, clientMetadataUrl);
    }

    public OAuthConfig withClientMetadataUrl(URI url) {
        return new OAuthConfig(http, store, clock, preRegistered, url);
    }
}
