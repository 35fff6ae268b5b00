package dev.portcullis.auth.cimd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
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
 * Fetches a Client ID Metadata Document through {@link OutboundHttp} (https only unless allow-listed, public addresses
 * only and the connection pinned to the address checked, no redirects, at most {@value #MAX_BYTES} bytes, short
 * timeouts); SmallRye Fault Tolerance adds an overall timeout, one retry on I/O failure and a circuit breaker.
 * Returns the body and the Cache-Control max-age.
 */
@ApplicationScoped
public class MetadataDocumentFetcher {

    static final int MAX_BYTES = 5 * 1024;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);

    @Inject
    OutboundHttp http;

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
        OutboundHttp.Response response = http.get(url, "application/json", MAX_BYTES, Duration.ofSeconds(3));
        if (response.status() != 200) {
            throw new FetchRefused("The client metadata document answered HTTP " + response.status());
        }
        return new Fetched(response.body(), maxAge(response.header("Cache-Control")));
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
