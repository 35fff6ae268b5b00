package dev.portcullis.auth.token;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig.RegistrationMode;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.common.oauth.Scope;
import java.util.List;

/**
 * Which scopes a token may carry, in one place for both ways a token is asked for: the authorization request (OAuth
 * 2.1 §4.1.1, a user consents) and the client credentials grant (RFC 6749 §4.4, no user). The per-resource limits
 * themselves are configuration and live in {@link Resources}; refresh requests may only narrow what was granted
 * (RFC 6749 §6), which {@link RefreshTokenGrant} checks against the stored grant.
 */
public final class ScopePolicy {

    private ScopePolicy() {
    }

    /**
     * The scope of an authorization request that names none (OAuth 2.1 §3.2.2.1 lets the server choose a documented
     * default): what the client registered, else every known scope but {@code offline_access}, limited to what the
     * resource accepts.
     */
    public static List<String> authorizationDefault(Client client, Resources resources, String resource) {
        List<String> wanted = client.scope != null ? Scope.parse(client.scope)
                : resources.scopes().stream().filter(s -> !Scope.OFFLINE_ACCESS.equals(s)).toList();
        return resources.allowed(resource, wanted);
    }

    /**
     * Whether an authorization request may ask for these scopes: not none, all accepted by the resource, and within
     * the client's registered scope where registration vouches for it (see {@link #beyondRegistration}).
     */
    public static boolean authorizationAllows(Client client, Resources resources, RegistrationMode registration,
            String resource, List<String> scopes) {
        return !scopes.isEmpty() && resources.allowsAll(resource, scopes)
                && !beyondRegistration(client, scopes, registration);
    }

    /**
     * What a client may get with the client credentials grant for this resource: its registered scope (else every
     * known scope), limited to what the resource accepts, never {@code offline_access} (no refresh token is issued,
     * RFC 6749 §4.4.3).
     */
    public static List<String> clientCredentialsAllowed(Client client, Resources resources, String resource) {
        return resources.allowed(resource, client.scope != null ? Scope.parse(client.scope) : resources.scopes())
                .stream().filter(s -> !Scope.OFFLINE_ACCESS.equals(s)).toList();
    }

    /**
     * Whether the request asks for more than the client registered. With open registration anyone could register
     * another client with any scope, so the registered scope vouches for nothing: the user's consent to each scope is
     * the check, and a client may step up (MCP "Scope Challenge Handling") beyond what it first registered, as SDK
     * clients that register with their first challenge's scope do. Where registration needs an initial access token
     * or is off, whoever registered the client vouched for its scope, and it is a limit.
     */
    private static boolean beyondRegistration(Client client, List<String> scopes, RegistrationMode registration) {
        return client.scope != null && registration != RegistrationMode.OPEN
                && !Scope.parse(client.scope).containsAll(scopes);
    }
}
