package dev.portcullis.auth.cimd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a Client ID Metadata Document through {@link OutboundHttp} (https only unless allow-listed, public addresses
 * only and the connection pinned to the address checked, no redirects, at most {@value #MAX_BYTES} bytes, one
 * deadline of {@link #TIMEOUT} for resolution and answer) within the limits of {@link FetchGuard} (bounded in flight,
 * per-host circuit breaker, per-caller rate, failures remembered briefly). No retry: the URL is anyone's choice, and a
 * retry would double what a slow one costs. Returns the body and the Cache-Control max-age.
 */
@ApplicationScoped
public class MetadataDocumentFetcher {

    static final int MAX_BYTES = 5 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);

    @Inject
    OutboundHttp http;

    @Inject
    FetchGuard guard;

    /** A fetched document: its bytes and how long it may be cached (empty: no max-age; zero: no-store/no-cache). */
    public record Fetched(byte[] body, Optional<Duration> maxAge) {
    }

    /** Refused before or after fetching; the message is safe to show. */
    public static class FetchRefused extends Exception {
        public FetchRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** The document, or a refusal saying only {@link FetchGuard#NOT_FETCHED} (the cause is logged). */
    public Fetched fetch(URI url) throws FetchRefused {
        return guard.fetch(url, "client metadata document", () -> {
            OutboundHttp.Response response = http.get(url, "application/json", MAX_BYTES, TIMEOUT);
            if (response.status() != 200) {
                throw new FetchRefused("answered HTTP " + response.status());
            }
            return new Fetched(response.body(), maxAge(response.header("Cache-Control")));
        });
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
