package dev.portcullis.auth.authorize;

import dev.portcullis.auth.cimd.UnusableDocument;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig.RegistrationMode;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.token.ScopePolicy;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.common.oauth.Scope;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorization endpoint's query parameters (OAuth 2.1 §4.1.1; RFC 7636 §4.3; RFC 8707 §2; OpenID Connect Core
 * §3.1.2.1), parsed and validated at the edge. Client and redirect URI are checked first and refused with a
 * {@link PageProblem}, an error page, never a redirect (OAuth 2.1 §4.1.2.1); every later refusal is a
 * {@link RedirectProblem}, answered at the validated redirect URI.
 *
 * <p>When {@code scope} is absent, the client's registered scope applies, else every supported scope except
 * {@code offline_access} (OAuth 2.1 §3.2.2.1 lets the server choose a documented default).
 *
 * @param redirectUri one of the client's registered redirect URIs
 * @param state as sent, or null
 * @param scopes the requested (or default) scopes, distinct, in order; never empty
 * @param prompts the {@code prompt} values (OpenID Connect Core §3.1.2.1), possibly none
 */
public record AuthorizationRequest(Client client, String redirectUri, String state, String codeChallenge,
        String resource, List<String> scopes, List<String> prompts) {

    /** The parameters that may appear at most once; a repeated one is refused, whichever it is. */
    private static final List<String> SINGLE_VALUED = List.of("client_id", "redirect_uri", "response_type", "state",
            "scope", "code_challenge", "code_challenge_method", "resource", "prompt");

    /**
     * @param clients the client a {@code client_id} names, if any ({@code Clients::find})
     * @param registration who may register clients: where it is not open, a client's registered scope is a limit
     */
    public static AuthorizationRequest parse(MultivaluedMap<String, String> query,
            Function<String, Optional<Client>> clients, Resources resources, RegistrationMode registration) {
        Client client = client(clients, single(query, "client_id"));
        String redirectUri = single(query, "redirect_uri");
        if (redirectUri == null || !client.hasRedirectUri(redirectUri)) {
            // OAuth 2.1 §4.1.2.1: missing or unregistered redirect URI, do not redirect
            throw new PageProblem("The redirect address (redirect_uri) is not registered for this application.");
        }
        String state = query.getFirst("state");
        for (String name : SINGLE_VALUED) {
            if (single(query, name) == null && query.containsKey(name)) {
                // OAuth 2.1 §3.1: parameters must not be repeated (RFC 8707 §2 would allow several resources)
                String error = name.equals("resource") ? OAuthError.INVALID_TARGET : OAuthError.INVALID_REQUEST;
                throw new RedirectProblem(redirectUri, state, error, "Repeated parameter: " + name);
            }
        }
        String responseType = query.getFirst("response_type");
        if (responseType == null) {
            // OAuth 2.1 §4.1.2.1 invalid_request
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "response_type is required");
        }
        if (!"code".equals(responseType)) {
            // OAuth 2.1 §4.1.2.1 unsupported_response_type
            throw new RedirectProblem(redirectUri, state, OAuthError.UNSUPPORTED_RESPONSE_TYPE,
                    "Only response_type=code is supported");
        }
        String challenge = query.getFirst("code_challenge");
        if (challenge == null) {
            // OAuth 2.1 §4.1.2.1: PKCE is required of every client
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "code_challenge is required");
        }
        if (!Pkce.METHOD_S256.equals(query.getFirst("code_challenge_method"))) {
            // OAuth 2.1 §4.1.2.1, RFC 7636 §4.4.1: only S256; "plain" (or the implied default) is refused
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "code_challenge_method must be S256");
        }
        if (!Pkce.isValidChallenge(challenge)) {
            // RFC 7636 §4.4.1 invalid_request
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "code_challenge is malformed");
        }
        String resource = query.getFirst("resource");
        if (resource == null) {
            // RFC 8707 §2: this server requires the resource indicator
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "resource is required");
        }
        if (!resources.serves(resource)) {
            // RFC 8707 §2 invalid_target
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_TARGET, "Unknown resource");
        }
        List<String> scopes = query.getFirst("scope") == null
                ? ScopePolicy.authorizationDefault(client, resources, resource)
                : Scope.parse(query.getFirst("scope"));
        if (!ScopePolicy.authorizationAllows(client, resources, registration, resource, scopes)) {
            // OAuth 2.1 §4.1.2.1 invalid_scope: unknown, beyond what the client registered (RFC 7591 §2) or beyond
            // what the resource accepts (portcullis.resource-scopes)
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_SCOPE,
                    "Unknown, empty or unregistered scope, or one this resource does not accept");
        }
        List<String> prompts = Scope.parse(query.getFirst("prompt"));
        if (prompts.contains("none") && prompts.size() > 1) {
            // OpenID Connect Core §3.1.2.1: none must not be combined with other values
            throw new RedirectProblem(redirectUri, state, OAuthError.INVALID_REQUEST, "prompt=none cannot be combined");
        }
        return new AuthorizationRequest(client, redirectUri, state, challenge, resource, List.copyOf(scopes),
                List.copyOf(prompts));
    }

    /** Whether {@code prompt} holds this value ({@code none}, {@code login}, {@code consent}). */
    public boolean prompts(String value) {
        return prompts.contains(value);
    }

    /** A refusal of this valid request at its redirect URI, e.g. OpenID Connect Core §3.1.2.6 {@code login_required}. */
    public RedirectProblem refusal(String error, String description) {
        return new RedirectProblem(redirectUri, state, error, description);
    }

    /** The registered client, or the one its Client ID Metadata Document describes; else an error page. */
    private static Client client(Function<String, Optional<Client>> clients, String clientId) {
        try {
            return clients.apply(clientId).orElseThrow(() ->
                    // OAuth 2.1 §4.1.2.1: unknown client, do not redirect
                    new PageProblem("The application asking for access (client_id) is not known to this server."));
        } catch (UnusableDocument e) {
            throw e.pageProblem();
        }
    }

    /** The parameter's only value, or null when absent or repeated. */
    private static String single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[clientId=" + client.clientId + ", scope=" + Scope.format(scopes)
                + ", resource=" + resource + "]";
    }
}
