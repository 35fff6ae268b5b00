package dev.portcullis.client.token;

import dev.portcullis.client.AuthorizationRequiredException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed's {@code AuthorizationManager}: the authorized state of one resource once the authorization is done. It
 * holds the credential record, hands out a usable access token (refreshed through {@link TokenManager} shortly before
 * expiry or after a rejection) and, when the grant is gone ({@code invalid_grant}, no refresh token) or the resource
 * wants more scope, authorizes again through {@link Reauthorization} — for the union of held and challenged scopes,
 * at most {@link #MAX_AUTHORIZATIONS} times in a row without a step-up that worked (the sign-in that opened the
 * session counts). Obtained from {@code OAuthState.intoAuthorizationManager}; {@link AuthClient} applies it to
 * requests. Safe for concurrent requests.
 */
public final class AuthorizationManager {

    /** Authorization attempts in a row before a scope challenge is reported instead of retried. */
    public static final int MAX_AUTHORIZATIONS = 3;

    /** Authorizes again (a sign-in, a client credentials grant) and returns the new stored record. */
    @FunctionalInterface
    public interface Reauthorization {
        /** @param scopes the scopes to ask for; empty: the configured ones */
        StoredCredentials authorize(List<String> scopes);
    }

    private final TokenManager tokens;
    private final Reauthorization reauthorize;
    private volatile StoredCredentials credentials;
    private int authorizationsInARow;
    private String stepUpToken;

    /**
     * @param authorizationsSoFar 1 when {@code credentials} come from a sign-in made for this use, else 0
     */
    public AuthorizationManager(StoredCredentials credentials, TokenManager tokens, Reauthorization reauthorize,
            int authorizationsSoFar) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.reauthorize = reauthorize;
        this.authorizationsInARow = authorizationsSoFar;
    }

    /** The seed's {@code get_access_token}: the token to send now, refreshed first when it is about to expire. */
    public String accessToken() {
        StoredCredentials known = credentials;
        try {
            credentials = tokens.fresh(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    /** The record in use (its secrets never appear in its {@code toString()}). */
    public StoredCredentials credentials() {
        return credentials;
    }

    /**
     * A different token after the resource server answered 401 to {@code rejected}: refreshed, or obtained by
     * authorizing again. Throws {@link AuthorizationRequiredException} when neither is possible.
     */
    String afterRejection(String rejected) {
        StoredCredentials known = credentials;
        if (!known.accessToken().equals(rejected)) {
            return known.accessToken(); // another request already replaced it
        }
        try {
            credentials = tokens.refreshAfterRejection(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    /**
     * A token with more scope after the resource server answered 403 {@code insufficient_scope} to {@code rejected}
     * (RFC 6750 §3.1; MCP 2025-11-25 "Step-Up Authorization Flow"): authorized again for the union of the held and
     * the challenged scopes. Throws {@link AuthorizationRequiredException} when the attempts are used up.
     */
    synchronized String afterInsufficientScope(String rejected, List<String> challengedScopes) {
        StoredCredentials known = credentials;
        if (!known.accessToken().equals(rejected) && known.scopes().containsAll(challengedScopes)) {
            return known.accessToken(); // another request already stepped up
        }
        if (authorizationsInARow >= MAX_AUTHORIZATIONS) {
            throw new AuthorizationRequiredException("The server still refuses the request for lack of the scope \""
                    + String.join(" ", challengedScopes) + "\" after " + authorizationsInARow
                    + " authorizations. Ask its administrator to grant it to your account.");
        }
        Set<String> union = new LinkedHashSet<>(known.scopes());
        union.addAll(challengedScopes);
        authorizationsInARow++;
        credentials = reauthorize.authorize(List.copyOf(union));
        stepUpToken = credentials.accessToken();
        return credentials.accessToken();
    }

    /** The resource server accepted a request made with {@code token}: a step-up that worked ends the count. */
    synchronized void accepted(String token) {
        if (token != null && token.equals(stepUpToken)) {
            authorizationsInARow = 0;
            stepUpToken = null;
        }
    }

    /** One authorization even when several requests find the grant gone at the same time. */
    private synchronized void reauthorizeReplacing(StoredCredentials stale) {
        if (credentials == stale) {
            credentials = reauthorize.authorize(List.of());
        }
    }
}
