package dev.portcullis.client.authorization;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.McpClientException;
import dev.portcullis.client.Randomness;
import dev.portcullis.client.discovery.Discovery;
import dev.portcullis.client.discovery.DiscoveryResult;
import dev.portcullis.client.registration.ClientResolver;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.client.token.AuthClient;
import dev.portcullis.client.token.AuthorizationManager;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.token.TokenClient;
import dev.portcullis.client.token.TokenManager;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.common.oauth.TokenResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The seed's {@code OAuthState}: the authorization of one MCP server as a state machine, for applications that bring
 * their own browser and callback (a web application, an IDE) and for the one-call paths of {@code PortcullisClient}.
 * <pre>
 * OAuthState state = OAuthState.create(serverUrl);             // OAuthState::new(server_url, None)
 * state.startAuthorization(scopes, redirectUri);               // discovery, client id, PKCE, state
 * URI url = state.authorizationUrl();                          // get_authorization_url: send the user there
 * state.handleCallback(code, stateParam, iss);                 // handle_callback: verified, code exchanged, stored
 * AuthorizationManager manager = state.intoAuthorizationManager();
 * AuthClient client = new AuthClient(config.http(), manager);  // AuthClient::new: the MCP transport's policy
 * NotesApi api = state.toAuthorizedHttpClient(NotesApi.class, baseUri);
 * </pre>
 * {@link Phase}: {@code Unauthorized → Authorizing → Authorized}. A new authorization may start from any phase (a
 * step-up, a sign-in again, a browser the user closed): it replaces the pending one, whose callback is then refused.
 * Long-lived and safe for concurrent use: transitions are serialised.
 */
public final class OAuthState {

    private static final Logger LOG = Logger.getLogger(OAuthState.class);

    /** Where the authorization stands. */
    public sealed interface Phase {
    }

    /** Nothing obtained yet for this server. */
    public record Unauthorized(URI serverUrl) implements Phase {
    }

    /** The user was sent to the authorization endpoint; waiting for the redirect back. */
    public record Authorizing(DiscoveryResult discovery, RegisteredClient client, PendingAuthorization pending)
            implements Phase {
    }

    /** Tokens obtained and stored. */
    public record Authorized(StoredCredentials credentials) implements Phase {
    }

    private final URI serverUrl;
    private final OAuthConfig config;
    private final Discovery discovery;
    private final ClientResolver clients;
    private final TokenClient tokenClient;
    private final TokenManager tokenManager;
    private Phase phase;
    /** Whether the Authorized record was authorized here (counts as one authorization of a step-up series). */
    private boolean authorizedHere;

    private OAuthState(URI serverUrl, OAuthConfig config) {
        this.serverUrl = serverUrl;
        this.config = config;
        this.discovery = new Discovery(config.http());
        this.clients = new ClientResolver(config.http());
        this.tokenClient = new TokenClient(config.http(),
                config.preRegistered() == null ? null : config.preRegistered().key(), config.clock());
        this.tokenManager = new TokenManager(config.store(), tokenClient, config.clock());
        this.phase = new Unauthorized(serverUrl);
    }

    /** The seed's {@code OAuthState::new(server_url, None)}: {@link OAuthConfig#defaults()}. */
    public static OAuthState create(URI serverUrl) {
        return create(serverUrl, OAuthConfig.defaults());
    }

    public static OAuthState create(URI serverUrl, OAuthConfig config) {
        return new OAuthState(serverUrl, config);
    }

    public URI serverUrl() {
        return serverUrl;
    }

    public OAuthConfig config() {
        return config;
    }

    public synchronized Phase phase() {
        return phase;
    }

    /** The record the store holds for this server, if any; with one, the state is {@link Authorized} by it. */
    public synchronized Optional<StoredCredentials> resumeStored() {
        Optional<StoredCredentials> stored = config.store().findByResource(serverUrl).stream().findFirst();
        stored.ifPresent(credentials -> authorized(credentials, false));
        return stored;
    }

    /**
     * → {@link Authorizing}: discovers the authorization server, obtains a client id (pre-registered, Client ID
     * Metadata Document, or Dynamic Client Registration for {@code redirectUri}) and builds the authorization request
     * (RFC 6749 §4.1.1 with PKCE S256, state, and the resource of RFC 8707).
     *
     * @param scopes      the scopes to ask for; empty: what the server asks for (MCP "Scope Selection Strategy")
     * @param redirectUri where the authorization server sends the user back: a loopback URI (RFC 8252) or an https
     *                    page of the application
     */
    public synchronized OAuthState startAuthorization(List<String> scopes, URI redirectUri) {
        DiscoveryResult found = discovery.discover(serverUrl);
        List<String> selected = ScopeSelector.select(scopes, found);
        String scope = selected.isEmpty() ? null : String.join(" ", selected);
        RegisteredClient known = config.store().all().stream().filter(c -> found.issuer().equals(c.issuer()))
                .map(StoredCredentials::client).findFirst().orElse(null);
        RegisteredClient client = clients.resolve(found.authorizationServer(), config.preRegistered(),
                config.clientMetadataUrl(), known, redirectUri, scope);
        String verifier = Pkce.newVerifier(Randomness.secureRandom());
        String stateValue = Randomness.token(32);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.clientId());
        params.put("redirect_uri", redirectUri.toString());
        params.put("code_challenge", Pkce.challengeS256(verifier));
        params.put("code_challenge_method", Pkce.METHOD_S256);
        params.put("state", stateValue);
        params.put("resource", found.resource().toString());
        params.put("scope", scope);
        URI url = withQuery(found.authorizationServer().authorizationEndpoint(), params);
        phase = new Authorizing(found, client, new PendingAuthorization(url, redirectUri, stateValue, verifier, selected));
        LOG.debugf("Authorizing %s at %s as client %s", serverUrl, found.issuer(), client.clientId());
        return this;
    }

    /** The seed's {@code get_authorization_url}: where to send the user's browser. */
    public synchronized URI authorizationUrl() {
        return authorizing().pending().authorizationUrl();
    }

    /** The seed's {@code handle_callback(code, csrf_token)}, for a server that sends no {@code iss}. */
    public StoredCredentials handleCallback(String code, String state) {
        return handleCallback(code, state, null);
    }

    /**
     * → {@link Authorized}: checks the redirect's {@code state} and {@code iss} (RFC 9207: required when the server
     * advertises it), exchanges the code with the PKCE verifier and stores the record.
     */
    public StoredCredentials handleCallback(String code, String state, String iss) {
        return handleCallback(new AuthorizationResponse(code, state, iss, null, null));
    }

    /** As above, for a whole redirect, an error response included (see {@link AuthorizationResponse#fromQuery}). */
    public synchronized StoredCredentials handleCallback(AuthorizationResponse response) {
        Authorizing authorizing = authorizing();
        DiscoveryResult found = authorizing.discovery();
        PendingAuthorization pending = authorizing.pending();
        String code = response.verifiedCode(pending.state(), found.authorizationServer());
        phase = new Unauthorized(serverUrl); // the request is used up, whatever the exchange answers
        TokenResponse tokens = tokenClient.exchangeCode(found.authorizationServer(), authorizing.client(), code,
                pending.codeVerifier(), pending.redirectUri(), found.resource().toString());
        return stored(StoredCredentials.from(found.resource().toString(), found.authorizationServer(),
                authorizing.client(), tokens, pending.scopes(), config.clock()));
    }

    /**
     * The whole interactive flow on this machine: a loopback listener (RFC 8252 §7.3) as redirect URI, the browser,
     * the callback, the tokens. {@code progress} is told what it waits for (lines for stderr).
     */
    public synchronized StoredCredentials authorizeInteractively(List<String> scopes, Consumer<URI> browser,
            Duration callbackTimeout, Consumer<String> progress) {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            startAuthorization(scopes, receiver.redirectUri());
            progress.accept("Waiting up to " + callbackTimeout.toSeconds() + " s for the sign-in at "
                    + authorizing().discovery().issuer() + " to complete in the browser…");
            browser.accept(authorizationUrl());
            String query = receiver.await(callbackTimeout);
            progress.accept("Sign-in completed; exchanging the code for tokens.");
            return handleCallback(AuthorizationResponse.fromQuery(query));
        }
    }

    /**
     * → {@link Authorized} without a user: the client credentials grant (RFC 6749 §4.4, MCP extension SEP-1046) with
     * the pre-registered confidential client; scope from the usual selection without {@code offline_access} (there
     * is no refresh token to ask for; a new grant is cheap).
     */
    public synchronized StoredCredentials authorizeClientCredentials(List<String> scopes) {
        if (config.preRegistered() == null) {
            throw new AuthorizationRequiredException("The client credentials grant needs a pre-registered client:"
                    + " configure --client-id with --client-secret or a private key.");
        }
        DiscoveryResult found = discovery.discover(serverUrl);
        List<String> selected = new ArrayList<>(ScopeSelector.select(scopes, found));
        selected.remove(ScopeSelector.OFFLINE_ACCESS);
        String scope = selected.isEmpty() ? null : String.join(" ", selected);
        RegisteredClient client = clients.resolve(found.authorizationServer(), config.preRegistered(), null, null,
                null, scope);
        TokenResponse tokens = tokenClient.clientCredentials(found.authorizationServer(), client, scope,
                found.resource().toString());
        return stored(StoredCredentials.from(found.resource().toString(), found.authorizationServer(), client, tokens,
                selected, config.clock()));
    }

    /**
     * → {@link Unauthorized}: forgets every stored record for this server, first revoking its refresh token (else its
     * access token) where the authorization server has a {@code revocation_endpoint} (RFC 7009). A failed revocation
     * is reported to {@code warnings} and does not keep the record.
     */
    public synchronized void logout(Consumer<String> warnings) {
        for (StoredCredentials credentials : config.store().findByResource(serverUrl)) {
            revoke(credentials, warnings);
            config.store().delete(credentials.issuer(), credentials.resource());
        }
        phase = new Unauthorized(serverUrl);
        authorizedHere = false;
    }

    /**
     * The seed's {@code into_authorization_manager}: the authorized state, to make requests with. When the grant ends
     * or the server wants more scope, it throws {@link AuthorizationRequiredException}: start a new authorization.
     */
    public AuthorizationManager intoAuthorizationManager() {
        return intoAuthorizationManager(scopes -> {
            throw new AuthorizationRequiredException("The authorization for " + serverUrl + " has ended"
                    + (scopes.isEmpty() ? "" : " or needs the scope \"" + String.join(" ", scopes) + "\"")
                    + ". Start a new authorization.");
        });
    }

    /** As above, authorizing again through {@code reauthorize} (a sign-in, a client credentials grant). */
    public synchronized AuthorizationManager intoAuthorizationManager(AuthorizationManager.Reauthorization reauthorize) {
        if (!(phase instanceof Authorized authorized)) {
            throw new IllegalStateException("Not authorized yet: " + phase.getClass().getSimpleName());
        }
        return new AuthorizationManager(authorized.credentials(), tokenManager, reauthorize, authorizedHere ? 1 : 0);
    }

    /** The seed's {@code to_authorized_http_client}: {@code api} as a REST Client under this authorization's policy. */
    public <T> T toAuthorizedHttpClient(Class<T> api, URI baseUri) {
        return new AuthClient(config.http(), intoAuthorizationManager()).restClient(baseUri, api);
    }

    private void revoke(StoredCredentials credentials, Consumer<String> warnings) {
        AuthorizationServerMetadata metadata = credentials.authorizationServer();
        if (metadata == null || metadata.revocationEndpoint() == null) {
            return;
        }
        boolean refresh = credentials.refreshToken() != null;
        try {
            tokenClient.revoke(metadata, credentials.client(), refresh ? credentials.refreshToken()
                    : credentials.accessToken(), refresh ? "refresh_token" : "access_token");
        } catch (McpClientException | IllegalArgumentException e) {
            warnings.accept("warning: could not revoke the " + (refresh ? "refresh" : "access") + " token at "
                    + metadata.revocationEndpoint() + ": " + e.getMessage()
                    + ". The local record is deleted anyway; the grant stays valid at the server until it expires.");
        }
    }

    private Authorizing authorizing() {
        if (!(phase instanceof Authorizing authorizing)) {
            throw new IllegalStateException("No authorization in progress: " + phase.getClass().getSimpleName());
        }
        return authorizing;
    }

    private StoredCredentials stored(StoredCredentials credentials) {
        config.store().save(credentials);
        authorized(credentials, true);
        return credentials;
    }

    private void authorized(StoredCredentials credentials, boolean here) {
        phase = new Authorized(credentials);
        authorizedHere = here;
    }

    static URI withQuery(String endpoint, Map<String, String> params) {
        StringBuilder url = new StringBuilder(endpoint);
        char separator = endpoint.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() != null) {
                url.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
