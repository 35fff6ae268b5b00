package dev.portcullis.client;

import dev.portcullis.client.authorization.AuthorizationManager;
import dev.portcullis.client.discovery.Discovery;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.registration.ClientRegistrar;
import dev.portcullis.client.token.CredentialBearerTokens;
import dev.portcullis.client.token.CredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.token.TokenClient;
import dev.portcullis.client.token.TokenManager;
import dev.portcullis.client.transport.StreamableHttpSession;
import dev.portcullis.client.transport.StreamableHttpTransport;
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

    private final Consumer<URI> browser;
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
        this.callbackTimeout = builder.callbackTimeout;
        this.scopes = List.copyOf(builder.scopes);
        this.clock = builder.clock;
        this.http = Http.defaults();
        this.store = new CredentialStore(builder.home != null ? builder.home : defaultHome());
        this.discovery = new Discovery(http);
        this.registrar = new ClientRegistrar(http);
        this.tokenClient = new TokenClient(http);
        this.tokenManager = new TokenManager(store, tokenClient, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the interactive sign-in for an MCP server and stores the credentials. */
    public void login(URI mcpServerUrl) {
        authorize(checked(mcpServerUrl));
    }

    /**
     * Opens an initialized MCP session: with the stored credentials (refreshed when needed), else after an
     * interactive sign-in.
     */
    public McpSession connect(URI mcpServerUrl) {
        URI url = checked(mcpServerUrl);
        StoredCredentials credentials = credentials(url).orElseGet(() -> authorize(url));
        CredentialBearerTokens tokens = new CredentialBearerTokens(credentials, tokenManager, () -> authorize(url));
        return StreamableHttpSession.open(new StreamableHttpTransport(http, url, tokens));
    }

    /** Forgets the stored credentials for an MCP server. */
    public void logout(URI mcpServerUrl) {
        store.deleteByResource(checked(mcpServerUrl));
    }

    /** The stored credentials for an MCP server, if any. */
    public Optional<StoredCredentials> credentials(URI mcpServerUrl) {
        return store.findByResource(checked(mcpServerUrl)).stream().findFirst();
    }

    /** The directory holding the credential files. */
    public Path home() {
        return store.directory();
    }

    @Override
    public void close() {
        // sessions own their HTTP clients; one-shot clients are closed after each call
    }

    private StoredCredentials authorize(URI url) {
        AuthorizationManager manager = new AuthorizationManager(url, discovery, registrar, tokenClient, store, clock);
        return manager.authorizeInteractively(scopes, browser, callbackTimeout);
    }

    private static URI checked(URI url) {
        Objects.requireNonNull(url, "mcpServerUrl");
        String scheme = url.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) URL: " + url);
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

        private Builder() {
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
