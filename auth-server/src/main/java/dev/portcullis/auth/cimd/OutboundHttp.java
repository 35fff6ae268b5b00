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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * GET requests to URLs that clients choose (Client ID Metadata Documents, {@code jwks_uri}), made safe against
 * server-side request forgery: https only (http only for hosts on {@code portcullis.outbound.allowed-insecure-hosts}),
 * the host resolved once, every address it resolves to checked ({@link OutboundAddresses}), and the connection made
 * to the checked address itself, with TLS SNI and certificate verification for the host name. A client that resolves
 * the name again when connecting (the JDK HttpClient does) leaves a window in which a changed DNS answer (DNS
 * rebinding) reaches an internal address. No redirects are followed, the body is capped and read with a deadline.
 */
@ApplicationScoped
public class OutboundHttp {

    private final HttpClient client;
    private final Predicate<String> insecureAllowed;
    private final Resolver resolver;

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
    }

    /**
     * GETs the URL. {@link MetadataDocumentFetcher.FetchRefused} when the URL may not be fetched (scheme, host,
     * address) or the body is larger than {@code maxBytes}; IOException when the network fails or is too slow.
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
        InetAddress address = checkedAddress(host, allowListed);
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setSsl(https)
                .setHost(host).setPort(port).setURI(path)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false).setTimeout(timeout.toMillis()).putHeader("Accept", accept);

        CompletableFuture<Response> result = new CompletableFuture<>();
        client.request(request).compose(r -> r.send()).onSuccess(response -> read(response, maxBytes, result))
                .onFailure(result::completeExceptionally);
        try {
            return result.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new IOException("No complete answer from " + host + " within " + timeout.toMillis() + " ms");
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
        response.exceptionHandler(result::completeExceptionally);
        response.endHandler(v -> result.complete(new Response(200, headers, body.getBytes())));
    }

    /** The address to connect to: the first one, once all of them proved public (or the host is allow-listed). */
    private InetAddress checkedAddress(String host, boolean allowListed) throws MetadataDocumentFetcher.FetchRefused {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new MetadataDocumentFetcher.FetchRefused("The host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!allowListed && !OutboundAddresses.isPublic(address)) {
                throw new MetadataDocumentFetcher.FetchRefused("The host resolves to a non-public address");
            }
        }
        return addresses[0];
    }
}
