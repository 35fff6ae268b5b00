package dev.portcullis.client.authorization;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.Randomness;
import dev.portcullis.client.discovery.Discovery;
import dev.portcullis.client.discovery.DiscoveryResult;
import dev.portcullis.client.registration.ClientRegistrar;
import dev.portcullis.client.registration.PreRegisteredClient;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.client.token.CredentialStore;
import dev.portcullis.client.token.StoredCredentials;
import dev.portcullis.client.token.TokenClient;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.common.oauth.TokenResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives one authorization of one MCP server through {@link OAuthState}: discovery and registration lead to
 * {@code Authorizing} (an authorization URL with PKCE S256, state and resource), the verified callback and the token
 * exchange lead to {@code Authorized} with the record stored. Not thread-safe: one flow, one thread.
 */
public final class AuthorizationManager {

    private static final Logger LOG = Logger.getLogger(AuthorizationManager.class);

    private final URI serverUrl;
    private final Discovery discovery;
    private final ClientRegistrar registrar;
    private final TokenClient tokenClient;
    private final CredentialStore store;
    private final Clock clock;
    private final PreRegisteredClient preRegistered;
    private final URI clientMetadataUrl;
    private OAuthState state;

    public AuthorizationManager(URI serverUrl, Discovery discovery, ClientRegistrar registrar, TokenClient tokenClient,
            CredentialStore store, Clock clock) {
        this(serverUrl, discovery, registrar, tokenClient, store, clock, null, null);
    }

    /**
     * @param preRegistered     the client the user configured, or null
     * @param clientMetadataUrl the https URL of this client's Client ID Metadata Document, or null
     */
    public AuthorizationManager(URI serverUrl, Discovery discovery, ClientRegistrar registrar, TokenClient tokenClient,
            CredentialStore store, Clock clock, PreRegisteredClient preRegistered, URI clientMetadataUrl) {
        this.preRegistered = preRegistered;
        this.clientMetadataUrl = clientMetadataUrl;
        this.serverUrl = serverUrl;
        this.discovery = discovery;
        this.registrar = registrar;
        this.tokenClient = tokenClient;
        this.store = store;
        this.clock = clock;
        this.state = new OAuthState.Unauthorized(serverUrl);
    }

    public OAuthState state() {
        return state;
    }

    /** The whole interactive flow: listener, browser, callback, tokens. Returns the stored record. */
    public StoredCredentials authorizeInteractively(List<String> explicitScopes, Consumer<URI> browser,
            Duration callbackTimeout) {
        return authorizeInteractively(explicitScopes, browser, callbackTimeout, message -> { });
    }

    /** As above, telling {@code progress} what it waits for (lines for stderr). */
    public StoredCredentials authorizeInteractively(List<String> explicitScopes, Consumer<URI> browser,
            Duration callbackTimeout, Consumer<String> progress) {
        DiscoveryResult found = discovery.discover(serverUrl);
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            OAuthState.Authorizing authorizing = startAuthorization(found, explicitScopes, receiver.redirectUri());
            progress.accept("Waiting up to " + callbackTimeout.toSeconds() + " s for the sign-in at "
                    + found.issuer() + " to complete in the browser…");
            browser.accept(authorizing.pending().authorizationUrl());
            String query = receiver.await(callbackTimeout);
            progress.accept("Sign-in completed; exchanging the code for tokens.");
            return handleCallback(query).credentials();
        }
    }

    /**
     * Unauthorized → Authorized without a user: the client credentials grant (RFC 6749 §4.4, MCP extension SEP-1046)
     * with the pre-registered confidential client, scope from the usual selection (no {@code offline_access}: there
     * is no refresh token to ask for; a new grant is cheap).
     */
    public StoredCredentials authorizeClientCredentials(List<String> explicitScopes) {
        if (preRegistered == null) {
            throw new AuthorizationRequiredException("The client credentials grant needs a pre-registered client:"
                    + " configure --client-id with --client-secret or a private key.");
        }
        DiscoveryResult found = discovery.discover(serverUrl);
        List<String> scopes = new ArrayList<>(ScopeSelector.select(explicitScopes, found));
        scopes.remove(ScopeSelector.OFFLINE_ACCESS);
        String scope = scopes.isEmpty() ? null : String.join(" ", scopes);
        RegisteredClient client = registrar.resolve(found.authorizationServer(), preRegistered, null, null, scope);
        TokenResponse tokens = tokenClient.clientCredentials(found.authorizationServer(), client, scope,
                found.resource().toString());
        StoredCredentials credentials = StoredCredentials.from(found.resource().toString(),
                found.authorizationServer(), client, tokens, scopes, clock);
        store.save(credentials);
        state = new OAuthState.Authorized(credentials);
        return credentials;
    }

    /** Unauthorized → Authorizing: registers the client and builds the authorization request (RFC 6749 §4.1.1). */
    public OAuthState.Authorizing startAuthorization(DiscoveryResult found, List<String> explicitScopes, URI redirectUri) {
        if (!(state instanceof OAuthState.Unauthorized)) {
            throw new IllegalStateException("Authorization already started: " + state.getClass().getSimpleName());
        }
        List<String> scopes = ScopeSelector.select(explicitScopes, found);
        String scope = scopes.isEmpty() ? null : String.join(" ", scopes);
        RegisteredClient known = store.all().stream().filter(c -> found.issuer().equals(c.issuer()))
                .map(StoredCredentials::client).findFirst().orElse(null);
        RegisteredClient client = registrar.resolve(found.authorizationServer(), preRegistered, clientMetadataUrl,
                known, redirectUri, scope);
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
        OAuthState.Authorizing next = new OAuthState.Authorizing(found, client,
                new PendingAuthorization(url, redirectUri, stateValue, verifier, scopes));
        state = next;
        LOG.debugf("Authorizing %s at %s as client %s", serverUrl, found.issuer(), client.clientId());
        return next;
    }

    /** Authorizing → Authorized: verifies state and iss, exchanges the code, stores the record. */
    public OAuthState.Authorized handleCallback(String rawQuery) {
        if (!(state instanceof OAuthState.Authorizing authorizing)) {
            throw new IllegalStateException("No authorization in progress: " + state.getClass().getSimpleName());
        }
        DiscoveryResult found = authorizing.discovery();
        PendingAuthorization pending = authorizing.pending();
        String code = AuthorizationResponse.fromQuery(rawQuery)
                .verifiedCode(pending.state(), found.authorizationServer());
        TokenResponse tokens = tokenClient.exchangeCode(found.authorizationServer(), authorizing.client(), code,
                pending.codeVerifier(), pending.redirectUri(), found.resource().toString());
        StoredCredentials credentials = StoredCredentials.from(found.resource().toString(),
                found.authorizationServer(), authorizing.client(), tokens, pending.scopes(), clock);
        store.save(credentials);
        OAuthState.Authorized done = new OAuthState.Authorized(credentials);
        state = done;
        return done;
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
