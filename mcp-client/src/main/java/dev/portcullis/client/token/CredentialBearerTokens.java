package dev.portcullis.client.token;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.transport.BearerTokens;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Bearer tokens from a stored credential record: refreshed through {@link TokenManager}; when the grant is gone
 * ({@code invalid_grant}, no refresh token) the {@code reauthorize} function runs the sign-in once; when the server
 * wants more scope it runs it for the union of held and challenged scopes, at most {@link #MAX_AUTHORIZATIONS} times
 * in a row without a step-up that worked (the sign-in that opened the session counts).
 */
public final class CredentialBearerTokens implements BearerTokens {

    /** Authorization attempts in a row before a scope challenge is reported instead of retried. */
    public static final int MAX_AUTHORIZATIONS = 3;

    private final TokenManager manager;
    private final Function<List<String>, StoredCredentials> reauthorize;
    private volatile StoredCredentials credentials;
    private int authorizationsInARow;
    private String stepUpToken;

    public CredentialBearerTokens(StoredCredentials credentials, TokenManager manager,
            Supplier<StoredCredentials> reauthorize) {
        this(credentials, manager, scopes -> reauthorize.get(), 0);
    }

    /**
     * @param reauthorize           signs in again for the given scopes (empty: the configured ones)
     * @param authorizationsSoFar   1 when {@code credentials} come from a sign-in made for this session, else 0
     */
    public CredentialBearerTokens(StoredCredentials credentials, TokenManager manager,
            Function<List<String>, StoredCredentials> reauthorize, int authorizationsSoFar) {
        this.credentials = credentials;
        this.manager = manager;
        this.reauthorize = reauthorize;
        this.authorizationsInARow = authorizationsSoFar;
    }

    @Override
    public String current() {
        StoredCredentials known = credentials;
        try {
            credentials = manager.fresh(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    @Override
    public String afterRejection(String rejected) {
        StoredCredentials known = credentials;
        if (!known.accessToken().equals(rejected)) {
            return known.accessToken(); // another request already replaced it
        }
        try {
            credentials = manager.refreshAfterRejection(known);
        } catch (ReauthorizationRequiredException e) {
            reauthorizeReplacing(known);
        }
        return credentials.accessToken();
    }

    @Override
    public synchronized String afterInsufficientScope(String rejected, List<String> challengedScopes) {
        StoredCredentials known = credentials;
        Set<String> union = new LinkedHashSet<>(known.scopes());
        union.addAll(challengedScopes);
        if (!known.accessToken().equals(rejected) && known.scopes().containsAll(challengedScopes)) {
            return known.accessToken(); // another request already stepped up
        }
        if (authorizationsInARow >= MAX_AUTHORIZATIONS) {
            throw new AuthorizationRequiredException("The MCP server still refuses the request for lack of the scope \""
                    + String.join(" ", challengedScopes) + "\" after " + authorizationsInARow
                    + " authorizations. Ask its administrator to grant it to your account.");
        }
        authorizationsInARow++;
        credentials = reauthorize.apply(List.copyOf(union));
        stepUpToken = credentials.accessToken();
        return credentials.accessToken();
    }

    @Override
    public synchronized void accepted(String token) {
        if (token != null && token.equals(stepUpToken)) {
            authorizationsInARow = 0;
            stepUpToken = null;
        }
    }

    public StoredCredentials credentials() {
        return credentials;
    }

    /** One sign-in even when several requests find the grant gone at the same time. */
    private synchronized void reauthorizeReplacing(StoredCredentials stale) {
        if (credentials == stale) {
            credentials = reauthorize.apply(List.of());
        }
    }
}
