package dev.portcullis.client.http;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.transport.BearerTokens;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Scope;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Any MicroProfile REST Client interface, for a resource protected by the same authorization as an MCP server (the
 * seed's {@code to_authorized_http_client}): every request carries the bearer token held in memory (refreshed
 * before expiry), a 401 leads to one refresh and one retry, a 403 {@code insufficient_scope} to a step-up, and
 * transient failures to the same guarded retries as the MCP transport (idempotent HTTP methods only for 502/504).
 */
public final class AuthorizedRestClient implements InvocationHandler {

    private final Object delegate;
    private final URI baseUri;
    private final BearerTokens tokens;
    private final Resilience resilience;
    /** The token the current thread's last request carried, to say which one was rejected. */
    private final ThreadLocal<String> sent = new ThreadLocal<>();

    private AuthorizedRestClient(Object delegate, URI baseUri, BearerTokens tokens, Resilience resilience) {
        this.delegate = delegate;
        this.baseUri = baseUri;
        this.tokens = tokens;
        this.resilience = resilience;
    }

    /** Builds {@code api} for {@code baseUri}; its methods throw {@link WebApplicationException} on other errors. */
    public static <T> T create(Http http, URI baseUri, Class<T> api, BearerTokens tokens) {
        AuthorizedRestClient[] handler = new AuthorizedRestClient[1];
        ClientRequestFilter bearer = request -> {
            String token = tokens.current();
            handler[0].sent.set(token);
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        };
        Object delegate = RestClientBuilder.newBuilder()
                .baseUri(http.endpointUri(baseUri))
                .connectTimeout(http.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(http.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(bearer)
                .build(api);
        handler[0] = new AuthorizedRestClient(delegate, baseUri, tokens, http.resilience());
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api, AutoCloseable.class},
                handler[0]));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == AutoCloseable.class) {
            if (method.getName().equals("close")) {
                ((AutoCloseable) delegate).close();
                return null;
            }
            return method.invoke(delegate, args);
        }
        boolean idempotent = method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class)
                || method.isAnnotationPresent(OPTIONS.class);
        Resilience.Policy policy = idempotent ? Resilience.Policy.IDEMPOTENT : Resilience.Policy.AT_MOST_ONCE;
        Outcome outcome = attempt(method, args, policy);
        if (outcome.status() == 401) {
            tokens.afterRejection(sent.get());
            outcome = attempt(method, args, policy);
            if (outcome.status() == 401) {
                throw new AuthorizationRequiredException(baseUri + " rejected a freshly obtained access token."
                        + " Sign in again with the login command.");
            }
        }
        while (outcome.status() == 403 && insufficientScope(outcome) != null) {
            tokens.afterInsufficientScope(sent.get(), insufficientScope(outcome));
            outcome = attempt(method, args, policy);
        }
        if (outcome.status() / 100 == 2) {
            tokens.accepted(sent.get());
        }
        if (outcome.thrown() != null) {
            throw outcome.thrown();
        }
        return outcome.value();
    }

    /** One guarded invocation: a value or the WebApplicationException the REST Client threw, with its status. */
    private Outcome attempt(Method method, Object[] args, Resilience.Policy policy) {
        return resilience.guarded(baseUri, policy, () -> {
            Outcome outcome;
            try {
                Object value = method.invoke(delegate, args);
                outcome = new Outcome(value instanceof Response r ? r.getStatus() : 200, value, null);
            } catch (InvocationTargetException e) {
                outcome = failed(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (Resilience.unavailable(outcome.status())) {
                throw new Resilience.ServerUnavailable(outcome.status(), outcome);
            }
            return outcome;
        }, Outcome.class);
    }

    private Outcome failed(Throwable cause) {
        if (cause instanceof WebApplicationException e) {
            return new Outcome(e.getResponse().getStatus(), null, e);
        }
        if (cause instanceof ProcessingException e) {
            if (Http.connectFailed(e)) {
                throw new Resilience.ConnectFailed("Could not reach " + baseUri + ": " + e.getMessage()
                        + ". Check that the server is running and try again.", e);
            }
            throw new TransientException("No complete answer from " + baseUri + ": " + e.getMessage()
                    + ". The request may or may not have been processed; check before repeating it.", e);
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }

    private static List<String> insufficientScope(Outcome outcome) {
        Response response = outcome.thrown() != null ? outcome.thrown().getResponse() : (Response) outcome.value();
        BearerChallenge challenge = BearerChallenge.parse(response.getStringHeaders().get(HttpHeaders.WWW_AUTHENTICATE));
        if (challenge == null || !OAuthError.INSUFFICIENT_SCOPE.equals(challenge.error())) {
            return null;
        }
        return challenge.scope() == null ? List.of() : Scope.parse(challenge.scope());
    }

    private record Outcome(int status, Object value, WebApplicationException thrown) {
    }
}
