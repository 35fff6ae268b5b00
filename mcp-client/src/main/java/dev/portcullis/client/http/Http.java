package dev.portcullis.client.http;

import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.common.oauth.Loopback;
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
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds REST clients for URLs known only at run time, with connect and read timeouts, no redirects (metadata and
 * token answers must come from the URL asked) and no default exception mapper (4xx answers are data here).
 * Network failures and timeouts become {@link TransientException}; {@link Resilience} adds a circuit breaker per host
 * and retries only what is safe to repeat.
 */
public final class Http {

    /** System property (or env PORTCULLIS_ALLOW_INSECURE_HTTP) allowing plain http to any host: for tests only. */
    public static final String ALLOW_INSECURE_HTTP = "portcullis.allow-insecure-http";


    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean allowInsecureHttp;
    private final Resilience resilience;
    private final Consumer<RestClientBuilder> customizer;

    public Http(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, insecureHttpAllowedByConfiguration());
    }

    public Http(Duration connectTimeout, Duration readTimeout, boolean allowInsecureHttp) {
        this(connectTimeout, readTimeout, allowInsecureHttp, builder -> { });
    }

    /**
     * @param customizer the application's own REST Client configuration (timeouts, a proxy, a trust store,
     *                   providers), applied to every client built here; the base URL and "no redirects" are this
     *                   client's whatever it says
     */
    public Http(Duration connectTimeout, Duration readTimeout, boolean allowInsecureHttp,
            Consumer<RestClientBuilder> customizer) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.allowInsecureHttp = allowInsecureHttp;
        this.resilience = new Resilience(connectTimeout.plus(readTimeout));
        this.customizer = customizer;
    }

    public static Http defaults() {
        return new Http(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public static boolean insecureHttpAllowedByConfiguration() {
        String value = System.getProperty(ALLOW_INSECURE_HTTP, System.getenv("PORTCULLIS_ALLOW_INSECURE_HTTP"));
        return Boolean.parseBoolean(value);
    }

    /**
     * Tokens, codes and secrets travel only over TLS (OAuth 2.1 §1.5, MCP "Communication Security"): https, or http to
     * a loopback host where nothing leaves the machine.
     */
    public static boolean secureEnough(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && Loopback.isLoopbackHost(url.getHost());
    }

    /** A client for one URL; close it with {@link #close(Object)} when done. */
    public Endpoint endpoint(URI url) {
        return client(url, Endpoint.class);
    }

    /**
     * A REST Client of {@code api} for {@code baseUri} (https, or http to this machine), with the timeouts, the
     * application's customizer, no redirects followed and no default exception mapper (4xx answers are data); the
     * {@code providers} (filters) are registered on it.
     */
    public <T> T client(URI baseUri, Class<T> api, Object... providers) {
        return builder(baseUri, providers).property("microprofile.rest.client.disable.default.mapper", true).build(api);
    }

    /** As {@link #client}, keeping the default exception mapper: for applications' own interfaces, whose 4xx throw. */
    public RestClientBuilder builder(URI baseUri, Object... providers) {
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        customizer.accept(builder);
        for (Object provider : providers) {
            builder.register(provider);
        }
        // after the customizer, whatever it set: only the checked URL (https, or http to this machine), and no
        // redirects (one could carry the bearer token or a code to another host)
        return builder.baseUri(endpointUri(baseUri)).followRedirects(false);
    }

    /** Sends an idempotent request (GET, MCP reads) to a URL with a fresh client and reads the whole answer. */
    public HttpResult call(URI url, Function<Endpoint, Response> request) {
        return call(url, request, true);
    }

    /**
     * Sends one request with a fresh client and reads the whole answer.
     *
     * @param idempotent false for requests that must not run twice (token, registration, revocation): then only a
     *                   refused connection or a 503 is retried
     */
    public HttpResult call(URI url, Function<Endpoint, Response> request, boolean idempotent) {
        Endpoint endpoint = endpoint(url);
        try {
            return send(url, endpoint, request, idempotent);
        } finally {
            close(endpoint);
        }
    }

    /** Sends one request through an existing client, with timeout, circuit breaker and safe retries. */
    public <E> HttpResult send(URI url, E endpoint, Function<E, Response> request, boolean idempotent) {
        return resilience.execute(url, idempotent ? Resilience.Policy.IDEMPOTENT : Resilience.Policy.AT_MOST_ONCE,
                () -> sendOnce(url, endpoint, request));
    }

    private <E> HttpResult sendOnce(URI url, E endpoint, Function<E, Response> request) {
        Response response;
        try {
            response = request.apply(endpoint);
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            if (connectFailed(e)) {
                throw new Resilience.ConnectFailed("Could not reach " + url + ": " + rootMessage(e)
                        + ". Check that the server is running and try again.", e);
            }
            throw new TransientException("No complete answer from " + url + ": " + rootMessage(e)
                    + ". The request may or may not have been processed; check before repeating it.", e);
        }
        try (Response answer = response) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            return new HttpResult(answer.getStatus(), headers(answer), body);
        } catch (ProcessingException e) {
            throw new TransientException("The answer from " + url + " could not be read: " + rootMessage(e), e);
        }
    }

    /** {@code url} when this client may send requests there (https, or http to loopback), else a typed refusal. */
    public URI endpointUri(URI url) {
        if (!allowInsecureHttp && !secureEnough(url)) {
            throw new ServerMisconfiguredException("Refusing to send a request to " + url.getScheme() + "://"
                    + url.getHost() + ": only https is allowed, or http to this machine (localhost, 127.0.0.0/8, [::1]).");
        }
        return url;
    }

    /** Whether plain http to hosts other than this machine is allowed (tests only). */
    public boolean allowsInsecureHttp() {
        return allowInsecureHttp;
    }

    /** The guards of this client's requests, for callers that make their own (the authorized REST clients). */
    public Resilience resilience() {
        return resilience;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    static boolean connectFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Closes a client built by {@link #client} or {@link #endpoint}. */
    public static void close(Object client) {
        if (client instanceof Closeable closeable) {
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
