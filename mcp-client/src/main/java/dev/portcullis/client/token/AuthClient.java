package dev.portcullis.client.token;

import dev.portcullis.client.AccessDeniedException;
import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpAnswer;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Scope;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * The seed's {@code AuthClient}, and the one authorization policy of every authorized request this client makes —
 * the MCP transport's and any REST Client interface's alike:
 * <ol>
 * <li>the request carries the {@link AuthorizationManager}'s access token (RFC 6750 §2.1), set by the
 * {@link BearerTokenFilter} and by nothing else;</li>
 * <li>401: the token is refreshed (or the grant authorized again) once, and the request sent once more; a second 401
 * means the server rejects a fresh token: {@link AuthorizationRequiredException};</li>
 * <li>403 with {@code error="insufficient_scope"}: step-up (MCP 2025-11-25 "Step-Up Authorization Flow") for the union
 * of held and challenged scopes, then the request again, as often as the manager allows;</li>
 * <li>any other 403: {@link AccessDeniedException} — no token this user can get changes the answer;</li>
 * <li>any other answer goes back to the caller, who maps it as for an unauthorized request.</li>
 * </ol>
 * Whether an attempt may be repeated is not decided here: each attempt is the caller's own guarded request.
 */
public final class AuthClient {

    private final Http http;
    private final AuthorizationManager manager;
    private final BearerTokenFilter filter = new BearerTokenFilter(this);
    /** The token of the attempt the current thread is making, for the filter to send. */
    private final ThreadLocal<String> attemptToken = new ThreadLocal<>();
    /** The token of the last request sent, for requests that must not refresh (closing a session). */
    private volatile String lastSent;

    public AuthClient(Http http, AuthorizationManager manager) {
        this.http = http;
        this.manager = manager;
    }

    public AuthorizationManager authorizationManager() {
        return manager;
    }

    /**
     * The filter that sets the bearer token: register it on a REST Client of your own to send this authorization's
     * token (refreshed before expiry) with every request. Only {@link #send} and {@link #restClient} also refresh after
     * a 401 and step up after a 403.
     */
    public ClientRequestFilter bearerFilter() {
        return filter;
    }

    /**
     * {@code api} as a MicroProfile REST Client for {@code baseUri} whose every method goes through this policy (the
     * seed's {@code to_authorized_http_client}). It is {@link AutoCloseable}: close it when done.
     */
    public <T> T restClient(URI baseUri, Class<T> api) {
        return AuthorizedRestClient.create(http, baseUri, api, this);
    }

    /**
     * Makes {@code attempt} — one request through a client carrying {@link #bearerFilter()} — as often as the policy
     * says, and returns the final answer.
     *
     * @param target names the server in messages
     */
    public <A extends HttpAnswer> A send(Object target, Supplier<A> attempt) {
        String token = manager.accessToken();
        boolean fresh = false;
        while (true) {
            A answer = attempt(token, attempt);
            if (answer.status() == 401) {
                if (fresh) {
                    throw new AuthorizationRequiredException("The server at " + target
                            + " rejected a freshly obtained access token. Sign in again with the login command.");
                }
                token = manager.afterRejection(token);
                fresh = true;
            } else if (answer.status() == 403) {
                token = manager.afterInsufficientScope(token, challengedScopes(target, answer));
                fresh = true;
            } else {
                manager.accepted(token);
                return answer;
            }
        }
    }

    /** One request with the last token sent, never refreshed nor authorized again (closing a session). */
    public <A> A sendWithLastToken(Supplier<A> attempt) {
        return attempt(lastSent, attempt);
    }

    /** The token the filter puts on the current request. */
    String tokenForRequest() {
        String token = attemptToken.get();
        if (token == null) {
            token = manager.accessToken();
        }
        lastSent = token;
        return token;
    }

    private <A> A attempt(String token, Supplier<A> attempt) {
        attemptToken.set(token);
        try {
            return attempt.get();
        } finally {
            attemptToken.remove();
        }
    }

    /** The scopes a 403 asks for, when it is a step-up challenge (RFC 6750 §3.1); else the refusal. */
    private static List<String> challengedScopes(Object target, HttpAnswer answer) {
        BearerChallenge challenge = BearerChallenge.parse(answer.headers("WWW-Authenticate"));
        if (challenge == null || !OAuthError.INSUFFICIENT_SCOPE.equals(challenge.error())) {
            String error = challenge == null || challenge.error() == null ? "" : " " + challenge.error();
            throw new AccessDeniedException("The server at " + target + " refused the request (HTTP 403" + error
                    + "). No new sign-in changes that: ask its administrator for access.", answer.status());
        }
        return challenge.scope() == null ? List.of() : Scope.parse(challenge.scope());
    }
}
