package dev.portcullis.auth.cimd;

import dev.portcullis.auth.config.PortcullisConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * GET requests to URLs that clients choose (Client ID Metadata Documents, {@code jwks_uri}), made safe against
 * server-side request forgery: https only (http only for hosts on {@code portcullis.outbound.allowed-insecure-hosts}),
 * the host resolved once, every address it resolves to checked ({@link OutboundAddresses}), and the connection made
 * to the checked address itself, with TLS SNI and certificate verification for the host name. A client that resolves
 * the name again when connecting (the JDK HttpClient does) leaves a window in which a changed DNS answer (DNS
 * rebinding) reaches an internal address. No redirects are followed, the body is capped, and one deadline covers
 * resolution, connection and the whole answer. What is refused and why is for the log only ({@link FetchGuard}).
 */
@ApplicationScoped
public class OutboundHttp {

    /** Name resolutions in flight at once; the JDK's resolver blocks its thread and cannot be given a deadline. */
    private static final int MAX_RESOLUTIONS = 32;

    private final HttpClient client;
    private final Predicate<String> insecureAllowed;
    private final Resolver resolver;
    private final ExecutorService resolutions = new ThreadPoolExecutor(0, MAX_RESOLUTIONS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "outbound-dns");
                thread.setDaemon(true);
                return thread;
            });

    /** Name resolution (the system resolver; tests substitute their own). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A response: status, headers (names lower case) and, for a 200, the body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    @Inject
    public OutboundHttp(Vertx vertx, PortcullisConfig config) {
        this(vertx, config.outbound()::isInsecureAllowed, InetAddress::getAllByName, new HttpClientOptions());
    }

    OutboundHttp(Vertx vertx, Predicate<String> insecureAllowed, Resolver resolver, HttpClientOptions options) {
        this.insecureAllowed = insecureAllowed;
        this.resolver = resolver;
        this.client = vertx.createHttpClient(options.setConnectTimeout(2_000).setVerifyHost(true).setForceSni(true)
                .setKeepAlive(false).setMaxRedirects(0).setMaxPoolSize(16));
    }

    @PreDestroy
    void close() {
        client.close();
        resolutions.shutdownNow();
    }

    /**
     * GETs the URL. {@link MetadataDocumentFetcher.FetchRefused} when the URL may not be fetched (scheme, host,
     * address) or the body is larger than {@code maxBytes}; IOException when the network fails or is too slow. The
     * timeout covers everything, name resolution included: the caller waits no longer.
     */
    public Response get(URI url, String accept, int maxBytes, Duration timeout)
            throws IOException, MetadataDocumentFetcher.FetchRefused {
        String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
        if (host == null) {
            throw new MetadataDocumentFetcher.FetchRefused("The URL has no host");
        }
        boolean allowListed = insecureAllowed.test(host);
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        if (!https && !(allowListed && "http".equalsIgnoreCase(url.getScheme()))) {
            throw new MetadataDocumentFetcher.FetchRefused("The URL must use https");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        InetAddress address = checkedAddress(host, allowListed, timeout);
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
            throw new IOException("No time left after resolving " + host);
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setSsl(https)
                .setHost(host).setPort(port).setURI(path)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false).setTimeout(remainingMillis).putHeader("Accept", accept);

        CompletableFuture<Response> result = new CompletableFuture<>();
        client.request(request).compose(r -> r.send()).onSuccess(response -> read(response, maxBytes, result))
                .onFailure(result::completeExceptionally);
        try {
            // Vert.x times the request out itself; this backstop, a little later, bounds the wait in any case
            return await(result, remainingMillis + 500,
                    "No complete answer from " + host + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MetadataDocumentFetcher.FetchRefused refused) {
                throw refused;
            }
            throw new IOException("Fetching from " + host + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void read(HttpClientResponse response, int maxBytes, CompletableFuture<Response> result) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new java.util.ArrayList<>()).add(h.getValue()));
        // Set before any reset below: without a handler Vert.x logs the reset's own exception at ERROR
        response.exceptionHandler(result::completeExceptionally);
        if (response.statusCode() != 200) {
            result.complete(new Response(response.statusCode(), headers, new byte[0]));
            response.request().reset();
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > maxBytes) {
                result.completeExceptionally(new MetadataDocumentFetcher.FetchRefused(
                        "The document is larger than " + maxBytes + " bytes"));
                response.request().reset();
            }
        });
        response.endHandler(v -> result.complete(new Response(200, headers, body.getBytes())));
    }

    /** The address to connect to: the first one, once all of them proved public (or the host is allow-listed). */
    private InetAddress checkedAddress(String host, boolean allowListed, Duration timeout)
            throws MetadataDocumentFetcher.FetchRefused, IOException {
        InetAddress[] addresses = resolve(host, timeout);
        if (addresses == null || addresses.length == 0) {
            throw new MetadataDocumentFetcher.FetchRefused("The host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            var refusal = allowListed ? java.util.Optional.<String>empty() : OutboundAddresses.refusal(address);
            if (refusal.isPresent()) {
                throw new MetadataDocumentFetcher.FetchRefused("The host resolves to a non-public address, "
                        + address.getHostAddress() + " in " + refusal.get());
            }
        }
        return addresses[0];
    }

    /** Resolves on a thread of our own, waiting at most the timeout (a slow DNS server must not hold the caller). */
    private InetAddress[] resolve(String host, Duration timeout) throws MetadataDocumentFetcher.FetchRefused, IOException {
        Future<InetAddress[]> lookup;
        try {
            lookup = resolutions.submit(() -> resolver.resolve(host));
        } catch (RejectedExecutionException e) {
            throw new IOException("Too many name resolutions in flight");
        }
        try {
            return await(lookup, timeout.toMillis(), "No answer resolving " + host + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new MetadataDocumentFetcher.FetchRefused("The host cannot be resolved");
            }
            throw new IOException("Resolving " + host + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The future's result, waiting at most {@code millis}: the caller is never held longer. A future still running then
     * is cancelled and the fetch fails with {@code late} as its message; its own failure is the caller's to describe.
     */
    private static <T> T await(Future<T> future, long millis, String late) throws IOException, ExecutionException {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException(late);
        }
    }
}
