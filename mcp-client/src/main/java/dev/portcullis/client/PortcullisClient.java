package dev.portcullis.client;

import dev.portcullis.client.authorization.OAuthConfig;
import dev.portcullis.client.authorization.OAuthState;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.registration.PreRegisteredClient;
import dev.portcullis.client.token.AuthClient;
import dev.portcullis.client.token.AuthorizationManager;
import dev.portcullis.client.token.CredentialStore;
import dev.portcullis.client.token.FileCredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.transport.StreamableHttpSession;
import dev.portcullis.client.transport.StreamableHttpTransport;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * An MCP client that signs in with OAuth 2.1 as the MCP authorization specification describes, keeps the
 * credentials (on disk by default) and opens authorized MCP sessions: the one-call path on top of {@link OAuthState}
 * (the step-wise API for applications that bring their own browser and callback, see {@link #oauthState}). Each server
 * URL has one long-lived {@link OAuthState}, which step-ups and sign-ins again go through. Needs a running Quarkus
 * application (the REST Client).
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
    private final Duration callbackTimeout;
    private final List<String> scopes;
    private final OAuthConfig config;
    private final ConcurrentMap<URI, OAuthState> states = new ConcurrentHashMap<>();

    private PortcullisClient(Builder builder) {
        this.browser = builder.browser;
        this.progress = builder.progress;
        this.grant = builder.grant;
        this.callbackTimeout = builder.callbackTimeout;
        this.scopes = List.copyOf(builder.scopes);
        Http http = new Http(builder.connectTimeout, builder.readTimeout, builder.allowInsecureHttp,
                builder.restClient);
        CredentialStore store = builder.store;
        if (store == null) {
            Path home = builder.home != null ? builder.home : defaultHome();
            store = builder.notices != null ? new FileCredentialStore(home, builder.notices) : new FileCredentialStore(home);
        }
        this.config = new OAuthConfig(http, store, builder.clock, builder.preRegistered, builder.clientMetadataUrl);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the interactive sign-in (or the client credentials grant) for an MCP server and stores the credentials. */
    public void login(URI mcpServerUrl) {
        authorize(oauthState(mcpServerUrl), scopes);
    }

    /**
     * The long-lived authorization of an MCP server, with this client's configuration: its step-wise API
     * ({@code startAuthorization}, {@code authorizationUrl}, {@code handleCallback}) is for applications that show the
     * authorization page in their own browser and receive the redirect themselves.
     */
    public OAuthState oauthState(URI mcpServerUrl) {
        return states.computeIfAbsent(checked(mcpServerUrl), url -> OAuthState.create(url, config));
    }

    /**
     * Opens an initialized MCP session: with the stored credentials (refreshed when needed), else after an
     * interactive sign-in.
     */
    public McpSession connect(URI mcpServerUrl) {
        OAuthState state = oauthState(mcpServerUrl);
        return StreamableHttpSession.open(new StreamableHttpTransport(config.http(), state.serverUrl(),
                authClient(state)));
    }

    /**
     * A MicroProfile REST Client for any API of an authorized resource, under the authorization policy of MCP
     * sessions ({@link AuthClient}): the credentials of {@code resourceUrl} (stored, else signed in for), requests to
     * {@code baseUri}. Close it (it is {@link AutoCloseable}) when done.
     */
    public <T> T authorizedClient(URI resourceUrl, URI baseUri, Class<T> api) {
        return authClient(oauthState(resourceUrl)).restClient(checked(baseUri), api);
    }

    /** {@link #authorizedClient(URI, URI, Class)} with the resource URL as base URI. */
    public <T> T authorizedClient(URI resourceUrl, Class<T> api) {
        return authorizedClient(resourceUrl, resourceUrl, api);
    }

    /**
     * A filter for REST Clients of your own ({@code RestClientBuilder.register}, or {@code @RegisterProvider} through
     * a CDI producer) that puts the bearer token of {@code resourceUrl}'s authorization on every request, refreshed
     * before it expires. Unlike {@link #authorizedClient}, a request answered 401 or 403 is not repeated.
     */
    public ClientRequestFilter bearerFilter(URI resourceUrl) {
        return authClient(oauthState(resourceUrl)).bearerFilter();
    }

    /**
     * Forgets the stored credentials for an MCP server, first revoking the refresh token (else the access token) where
     * the authorization server has a {@code revocation_endpoint} (RFC 7009). A failed revocation is reported through
     * the progress consumer and does not keep the record.
     */
    public void logout(URI mcpServerUrl) {
        URI url = checked(mcpServerUrl);
        oauthState(url).logout(progress);
        states.remove(url);
    }

    /** The stored credentials for an MCP server, if any. */
    public Optional<StoredCredentials> credentials(URI mcpServerUrl) {
        return config.store().findByResource(checked(mcpServerUrl)).stream().findFirst();
    }

    /** Every stored authorization (to list them; the records hold secrets, so never print them whole). */
    public List<StoredCredentials> storedCredentials() {
        return config.store().all();
    }

    /** Where the credentials are kept: a directory, or "memory". */
    public String credentialsLocation() {
        return config.store().location();
    }

    @Override
    public void close() {
        // sessions own their HTTP clients; one-shot clients are closed after each call
    }

    /** The policy for requests to a server: the stored record (or a new authorization) and this client's grant. */
    private AuthClient authClient(OAuthState state) {
        if (state.resumeStored().isEmpty()) {
            authorize(state, scopes);
        }
        AuthorizationManager manager = state.intoAuthorizationManager(
                more -> authorize(state, more.isEmpty() ? scopes : more));
        return new AuthClient(config.http(), manager);
    }

    private StoredCredentials authorize(OAuthState state, List<String> wanted) {
        if (grant == Grant.CLIENT_CREDENTIALS) {
            return state.authorizeClientCredentials(wanted);
        }
        return state.authorizeInteractively(wanted, browser, callbackTimeout, progress);
    }

    private URI checked(URI url) {
        Objects.requireNonNull(url, "mcpServerUrl");
        String scheme = url.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) URL: " + url);
        }
        if (!config.http().allowsInsecureHttp() && !Http.secureEnough(url)) {
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
        private CredentialStore store;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Consumer<RestClientBuilder> restClient = builder -> { };

        private Builder() {
        }

        /**
         * Where credentials are kept instead of the files under {@link #home(Path)}: an
         * {@link dev.portcullis.client.token.InMemoryCredentialStore}, or a store of the application's own.
         */
        public Builder credentialStore(CredentialStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /**
         * The application's own configuration of every REST Client this client builds (a proxy, a trust store,
         * providers of its own). The base URL and "no redirects" stay this client's whatever it says: a token must go
         * only to the server it is for.
         */
        public Builder restClient(Consumer<RestClientBuilder> customizer) {
            this.restClient = Objects.requireNonNull(customizer);
            return this;
        }

        /** Connect and read timeouts of every request (default 10 s and 30 s). */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect);
            this.readTimeout = Objects.requireNonNull(read);
            return this;
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
