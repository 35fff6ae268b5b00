package dev.portcullis.client;

import dev.portcullis.client.authorization.AuthorizationManager;
import dev.portcullis.client.discovery.Discovery;
import dev.portcullis.client.http.AuthorizedRestClient;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.registration.ClientRegistrar;
import dev.portcullis.client.registration.PreRegisteredClient;
import dev.portcullis.client.token.CredentialBearerTokens;
import dev.portcullis.client.token.CredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.token.TokenClient;
import dev.portcullis.client.token.TokenManager;
import dev.portcullis.client.transport.StreamableHttpSession;
import dev.portcullis.client.transport.StreamableHttpTransport;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An MCP client that signs in with OAuth 2.1 as the MCP authorization specification describes, keeps the
 * credentials on disk and opens authorized MCP sessions. Needs a running Quarkus application (the REST Client).
 */
public final class PortcullisClient implements AutoCloseable {

    /** How this client obtains its grants. */
    public enum Grant {
        /** A user signs in in a browser (authorization code with PKCE); the default. */
        AUTHORIZATION_CODE,
        /** The client acts on its own behalf (client credentials, MCP extension SEP-1046); needs a pre-registered client. */
        CLIENT_CREDENTIALS
    }

    private final Consumer<URI> browser;
    private final Consumer<String> progress;
    private final Grant grant;
    private final PreRegisteredClient preRegistered;
    private final URI clientMetadataUrl;
    private final boolean allowInsecureHttp;
    private final Duration callbackTimeout;
    private final List<String> scopes;
    private final Clock clock;
    private final Http http;
    private final CredentialStore store;
    private final Discovery discovery;
    private final ClientRegistrar registrar;
    private final TokenClient tokenClient;
    private final TokenManager tokenManager;

    private PortcullisClient(Builder builder) {
        this.browser = builder.browser;
        this.progress = builder.progress;
        this.grant = builder.grant;
        this.preRegistered = builder.preRegistered;
        this.clientMetadataUrl = builder.clientMetadataUrl;
        this.allowInsecureHttp = builder.allowInsecureHttp;
        this.callbackTimeout = builder.callbackTimeout;
        this.scopes = List.copyOf(builder.scopes);
        this.clock = builder.clock;
        this.http = new Http(Duration.ofSeconds(10), Duration.ofSeconds(30), builder.allowInsecureHttp);
        Path home = builder.home != null ? builder.home : defaultHome();
        this.store = builder.notices != null ? new CredentialStore(home, builder.notices) : new CredentialStore(home);
        this.discovery = new Discovery(http);
        this.registrar = new ClientRegistrar(http);
        this.tokenClient = new TokenClient(http, preRegistered == null ? null : preRegistered.key(), clock);
        this.tokenManager = new TokenManager(store, tokenClient, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the interactive sign-in for an MCP server and stores the credentials. */
    public void login(URI mcpServerUrl) {
        authorize(checked(mcpServerUrl), scopes);
    }

    /**
     * Opens an initialized MCP session: with the stored credentials (refreshed when needed), else after an
     * interactive sign-in.
     */
    public McpSession connect(URI mcpServerUrl) {
        URI url = checked(mcpServerUrl);
        Optional<StoredCredentials> stored = credentials(url);
        StoredCredentials credentials = stored.orElseGet(() -> authorize(url, scopes));
        CredentialBearerTokens tokens = new CredentialBearerTokens(credentials, tokenManager,
                more -> authorize(url, more.isEmpty() ? scopes : more), stored.isPresent() ? 0 : 1);
        return StreamableHttpSession.open(new StreamableHttpTransport(http, url, tokens));
    }

    /**
     * A MicroProfile REST Client for any API of an authorized resource, with the bearer, refresh, step-up and retry
     * behaviour of MCP sessions: the credentials of {@code resourceUrl} (stored, else signed in for), requests to
     * {@code baseUri}. Close it (it is {@link AutoCloseable}) when done.
     */
    public <T> T authorizedClient(URI resourceUrl, URI baseUri, Class<T> api) {
        URI url = checked(resourceUrl);
        Optional<StoredCredentials> stored = credentials(url);
        StoredCredentials credentials = stored.orElseGet(() -> authorize(url, scopes));
        CredentialBearerTokens tokens = new CredentialBearerTokens(credentials, tokenManager,
                more -> authorize(url, more.isEmpty() ? scopes : more), stored.isPresent() ? 0 : 1);
        return AuthorizedRestClient.create(http, checked(baseUri), api, tokens);
    }

    /** {@link #authorizedClient(URI, URI, Class)} with the resource URL as base URI. */
    public <T> T authorizedClient(URI resourceUrl, Class<T> api) {
        return authorizedClient(resourceUrl, resourceUrl, api);
    }

    /**
     * Forgets the stored credentials for an MCP server, first revoking the refresh token (else the access token) where
     * the authorization server has a {@code revocation_endpoint} (RFC 7009). A failed revocation is reported through
     * the progress consumer and does not keep the record.
     */
    public void logout(URI mcpServerUrl) {
        URI url = checked(mcpServerUrl);
        for (StoredCredentials credentials : store.findByResource(url)) {
            revoke(credentials);
            store.delete(credentials.issuer(), credentials.resource());
        }
    }

    private void revoke(StoredCredentials credentials) {
        AuthorizationServerMetadata metadata = credentials.authorizationServer();
        if (metadata == null || metadata.revocationEndpoint() == null) {
            return;
        }
        boolean refresh = credentials.refreshToken() != null;
        try {
            tokenClient.revoke(metadata, credentials.client(), refresh ? credentials.refreshToken()
                    : credentials.accessToken(), refresh ? "refresh_token" : "access_token");
        } catch (McpClientException | IllegalArgumentException e) {
            progress.accept("warning: could not revoke the " + (refresh ? "refresh" : "access") + " token at "
                    + metadata.revocationEndpoint() + ": " + e.getMessage()
                    + ". The local record is deleted anyway; the grant stays valid at the server until it expires.");
        }
    }

    /** The stored credentials for an MCP server, if any. */
    public Optional<StoredCredentials> credentials(URI mcpServerUrl) {
        return store.findByResource(checked(mcpServerUrl)).stream().findFirst();
    }

    /** Every stored authorization (to list them; the records hold secrets, so never print them whole). */
    public List<StoredCredentials> storedCredentials() {
        return store.all();
    }

    /** The directory holding the credential files. */
    public Path home() {
        return store.directory();
    }

    @Override
    public void close() {
        // sessions own their HTTP clients; one-shot clients are closed after each call
    }

    private StoredCredentials authorize(URI url, List<String> wanted) {
        AuthorizationManager manager = new AuthorizationManager(url, discovery, registrar, tokenClient, store, clock,
                preRegistered, clientMetadataUrl);
        if (grant == Grant.CLIENT_CREDENTIALS) {
            return manager.authorizeClientCredentials(wanted);
        }
        return manager.authorizeInteractively(wanted, browser, callbackTimeout, progress);
    }

    private URI checked(URI url) {
        Objects.requireNonNull(url, "mcpServerUrl");
        String scheme = url.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) URL: " + url);
        }
        if (!allowInsecureHttp && !Http.secureEnough(url)) {
            throw new IllegalArgumentException("Refusing plain http to " + url.getHost()
                    + ": MCP servers must be reached over https (http only on this machine).");
        }
        return url;
    }

    /**
     * {@code PORTCULLIS_HOME} (or the system property {@code portcullis.home}), else
     * {@code $XDG_CONFIG_HOME/portcullis}, else {@code ~/.config/portcullis}.
     */
    public static Path defaultHome() {
        String home = System.getProperty("portcullis.home", System.getenv("PORTCULLIS_HOME"));
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "portcullis");
        }
        return Path.of(System.getProperty("user.home"), ".config", "portcullis");
    }

    public static final class Builder {
        private Path home;
        private Consumer<URI> browser = SystemBrowser::open;
        private Clock clock = Clock.systemUTC();
        private Duration callbackTimeout = Duration.ofMinutes(5);
        private List<String> scopes = List.of();
        private Consumer<String> progress = message -> { };
        private Consumer<String> notices;
        private Grant grant = Grant.AUTHORIZATION_CODE;
        private PreRegisteredClient preRegistered;
        private URI clientMetadataUrl;
        private boolean allowInsecureHttp = Http.insecureHttpAllowedByConfiguration();

        private Builder() {
        }

        /** Allows plain http to hosts other than this machine: for tests only (tokens would travel in clear). */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** Receives progress lines while the client waits (a command line prints them on stderr). */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Receives the credential store's notices (it tightened the permissions of its directory or of a record);
         * by default they are logged as warnings.
         */
        public Builder notices(Consumer<String> notices) {
            this.notices = Objects.requireNonNull(notices);
            return this;
        }

        public Builder grant(Grant grant) {
            this.grant = Objects.requireNonNull(grant);
            return this;
        }

        /** A client registered beforehand with the authorization server; used instead of registering. */
        public Builder preRegisteredClient(PreRegisteredClient client) {
            this.preRegistered = client;
            return this;
        }

        /**
         * The https URL of this client's Client ID Metadata Document, used as {@code client_id} where the
         * authorization server advertises {@code client_id_metadata_document_supported}.
         */
        public Builder clientMetadataUrl(URI url) {
            if (url != null && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("A client metadata URL must be https: " + url);
            }
            this.clientMetadataUrl = url;
            return this;
        }

        public Builder home(Path credentialsDir) {
            this.home = credentialsDir;
            return this;
        }

        public Builder browser(Consumer<URI> openAuthorizationUrl) {
            this.browser = Objects.requireNonNull(openAuthorizationUrl);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder callbackTimeout(Duration timeout) {
            this.callbackTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = scopes == null ? List.of() : List.copyOf(scopes);
            return this;
        }

        public PortcullisClient build() {
            return new PortcullisClient(this);
        }
    }
}
