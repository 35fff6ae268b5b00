package dev.portcullis.auth.cimd;

import dev.portcullis.auth.config.PortcullisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Fetches a Client ID Metadata Document with the JDK HttpClient: https only (http only for hosts on the development
 * allow-list {@code portcullis.outbound.allowed-insecure-hosts}), every resolved address public unless allow-listed,
 * no redirects, at most {@value #MAX_BYTES} bytes, short connect/read timeouts; SmallRye Fault Tolerance adds an
 * overall timeout, one retry on I/O failure and a circuit breaker. Returns the body and the Cache-Control max-age.
 */
@ApplicationScoped
public class MetadataDocumentFetcher {

    static final int MAX_BYTES = 5 * 1024;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);

    @Inject
    PortcullisConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A fetched document: its bytes and how long it may be cached (empty: no max-age; zero: no-store/no-cache). */
    public record Fetched(byte[] body, Optional<Duration> maxAge) {
    }

    /** Refused before or after fetching; the message is safe to show. */
    public static class FetchRefused extends Exception {
        public FetchRefused(String message) {
            super(message, null, false, false);
        }
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS,
            failOn = IOException.class)
    public Fetched fetch(URI url) throws IOException, FetchRefused {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean allowListed = config.outbound().isInsecureAllowed(host);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !allowListed) {
            throw new FetchRefused("The client_id URL must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchRefused("The client_id host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!allowListed && !OutboundAddresses.isPublic(address)) {
                throw new FetchRefused("The client_id host resolves to a non-public address");
            }
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3))
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new FetchRefused("The client metadata document answered HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new FetchRefused("The client metadata document is larger than " + MAX_BYTES + " bytes");
            }
            return new Fetched(body, maxAge(response.headers().firstValue("Cache-Control").orElse(null)));
        }
    }

    static Optional<Duration> maxAge(String cacheControl) {
        if (cacheControl == null) {
            return Optional.empty();
        }
        String lower = cacheControl.toLowerCase(Locale.ROOT);
        if (lower.contains("no-store") || lower.contains("no-cache")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = MAX_AGE.matcher(lower);
        return m.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1)))) : Optional.empty();
    }
}
