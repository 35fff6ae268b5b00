package dev.portcullis.client.http;

import dev.portcullis.client.TransientException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds REST clients for URLs known only at run time, with connect and read timeouts, no redirects (metadata and
 * token answers must come from the URL asked) and no default exception mapper (4xx answers are data here).
 * Network failures and timeouts become {@link TransientException}. Nothing is retried: a token request must never be.
 */
public final class Http {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public Http(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public static Http defaults() {
        return new Http(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** A client for one URL; close it with {@link #close(Endpoint)} when done. */
    public Endpoint endpoint(URI url) {
        return RestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(Endpoint.class);
    }

    /** Sends one request to a URL with a fresh client and reads the whole answer. */
    public HttpResult call(URI url, Function<Endpoint, Response> request) {
        Endpoint endpoint = endpoint(url);
        try {
            return send(url, endpoint, request);
        } finally {
            close(endpoint);
        }
    }

    /** Sends one request through an existing client and reads the whole answer. */
    public HttpResult send(URI url, Endpoint endpoint, Function<Endpoint, Response> request) {
        Response response;
        try {
            response = request.apply(endpoint);
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            throw new TransientException("Could not reach " + url + ": " + rootMessage(e)
                    + ". Check that the server is running and try again.", e);
        }
        try (Response answer = response) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            return new HttpResult(answer.getStatus(), headers(answer), body);
        } catch (ProcessingException e) {
            throw new TransientException("The answer from " + url + " could not be read: " + rootMessage(e), e);
        }
    }

    public static void close(Endpoint endpoint) {
        if (endpoint instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a client that failed to connect may fail again; nothing to do
            }
        }
    }

    private static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) ->
                out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
