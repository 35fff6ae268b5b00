package dev.portcullis.client.http;

import dev.portcullis.client.TransientException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;

/**
 * One call of a method of an application's REST Client interface, with the guards of every request of this client
 * ({@link Resilience}: idempotent HTTP methods are retried after 502/503/504, others only when the server said it did
 * not take the request), its answer kept as data for the authorization policy: the value, or the
 * {@link WebApplicationException} the REST Client threw.
 */
public final class RestClientCall {

    /** The answer of one call; {@link #result()} gives it back to the caller as the REST Client would have. */
    public record Outcome(int status, Object value, WebApplicationException thrown) implements HttpAnswer {

        @Override
        public List<String> headers(String name) {
            Response response = thrown != null ? thrown.getResponse() : value instanceof Response r ? r : null;
            List<String> values = response == null ? null : response.getStringHeaders().get(name);
            return values == null ? List.of() : values;
        }

        public Object result() {
            if (thrown != null) {
                throw thrown;
            }
            return value;
        }
    }

    private RestClientCall() {
    }

    /** Calls {@code method} of {@code delegate}, a REST Client for {@code baseUri}. */
    public static Outcome invoke(Http http, URI baseUri, Object delegate, Method method, Object[] args) {
        Resilience.Policy policy = idempotent(method) ? Resilience.Policy.IDEMPOTENT : Resilience.Policy.AT_MOST_ONCE;
        return http.resilience().guarded(baseUri, policy, () -> {
            Outcome outcome;
            try {
                Object value = method.invoke(delegate, args);
                outcome = new Outcome(value instanceof Response r ? r.getStatus() : 200, value, null);
            } catch (InvocationTargetException e) {
                outcome = failed(baseUri, e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (Resilience.unavailable(outcome.status())) {
                throw new Resilience.ServerUnavailable(outcome.status(), outcome);
            }
            return outcome;
        }, Outcome.class);
    }

    /** GET, HEAD, PUT, DELETE and OPTIONS may be repeated (RFC 9110 §9.2.2); POST and PATCH may not. */
    static boolean idempotent(Method method) {
        return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(HEAD.class)
                || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class)
                || method.isAnnotationPresent(OPTIONS.class);
    }

    private static Outcome failed(URI baseUri, Throwable cause) {
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
}
