package dev.portcullis.auth.cimd;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.ratelimit.RateLimiter;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The limits every outbound fetch ({@link MetadataDocumentFetcher}, {@code jwks_uri}) passes, so that fetches of
 * URLs anyone may choose cannot take the server's workers, and one failing host cannot stop fetches from another:
 *
 * <ol>
 * <li>a URL that failed (or whose document was invalid) within {@code portcullis.outbound.failure-cache-lifetime}
 * fails again at once, without a fetch;</li>
 * <li>per causing client address ({@code portcullis.rate-limit.outbound-fetches-per-address-per-minute}): 429;</li>
 * <li>per fetched host ({@code portcullis.rate-limit.cimd-fetches-per-minute}): 503;</li>
 * <li>fetches in flight, on this replica ({@code portcullis.outbound.max-concurrent-fetches}) and per host
 * ({@code …max-concurrent-fetches-per-host}): a fetch beyond either bound is refused at once (503), it never waits,
 * so at most that many workers are ever held, each for at most the fetch's deadline;</li>
 * <li>a circuit breaker per host and port: when 3 of its last 4 fetches failed on the network (refused, timed out,
 * TLS), fetches there fail at once for 30 s. Refusals (address, status, size) do not count, so nobody can open the
 * breaker of a healthy host by asking for a missing path.</li>
 * </ol>
 *
 * Bulkheads and breakers are SmallRye Fault Tolerance's programmatic {@link Guard}s, one per host in a bounded
 * Caffeine cache (an idle host's guard is dropped after {@value #HOST_IDLE_MINUTES} min). Every failure is shown as
 * the one message {@link #NOT_FETCHED} (no status, address or resolution detail: not a probe) and logged on one line.
 */
@ApplicationScoped
public class FetchGuard {

    /** The only thing said about a failed fetch, whatever the cause. */
    public static final String NOT_FETCHED = "The document could not be fetched";

    private static final Logger LOG = Logger.getLogger(FetchGuard.class);
    private static final int MAX_HOSTS = 10_000;
    private static final int MAX_REMEMBERED_FAILURES = 10_000;
    private static final long HOST_IDLE_MINUTES = 10;
    private static final int BREAKER_WINDOW = 4;
    private static final double BREAKER_FAILURE_RATIO = 0.75;
    private static final long BREAKER_OPEN_SECONDS = 30;

    /** One fetch: returns what it fetched, or fails as a refusal (nothing to retry) or with an I/O error. */
    @FunctionalInterface
    public interface Fetch<T> {
        T get() throws IOException, MetadataDocumentFetcher.FetchRefused;
    }

    @Inject
    PortcullisConfig config;

    @Inject
    RateLimiter limits;

    @Inject
    Clock clock;

    @Inject
    CurrentVertxRequest currentRequest;

    private Guard inFlight;
    private LoadingCache<String, Guard> hostInFlight;
    private LoadingCache<String, Guard> breakers;
    private Cache<String, MetadataDocumentFetcher.FetchRefused> failures;

    @PostConstruct
    void init() {
        inFlight = Guard.create().withDescription("outbound fetches")
                .withBulkhead().limit(config.outbound().maxConcurrentFetches()).done().build();
        hostInFlight = Caffeine.newBuilder().maximumSize(MAX_HOSTS).expireAfterAccess(HOST_IDLE_MINUTES, TimeUnit.MINUTES)
                .build(host -> Guard.create().withBulkhead().limit(config.outbound().maxConcurrentFetchesPerHost()).done().build());
        breakers = Caffeine.newBuilder().maximumSize(MAX_HOSTS).expireAfterAccess(HOST_IDLE_MINUTES, TimeUnit.MINUTES)
                .build(authority -> Guard.create().withCircuitBreaker()
                        .requestVolumeThreshold(BREAKER_WINDOW).failureRatio(BREAKER_FAILURE_RATIO)
                        .delay(BREAKER_OPEN_SECONDS, ChronoUnit.SECONDS).successThreshold(1)
                        .failOn(IOException.class).done().build());
        Duration remember = config.outbound().failureCacheLifetime();
        failures = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED_FAILURES).expireAfterWrite(remember)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** Fetches on behalf of the client address of the current request ("unknown" outside a request). */
    public <T> T fetch(URI url, String what, Fetch<T> fetch) throws MetadataDocumentFetcher.FetchRefused {
        return fetch(url, requester(), what, fetch);
    }

    /**
     * Runs the fetch within the limits. Fails with {@link FetchUnavailable} when a limit says "later", else with a
     * {@link MetadataDocumentFetcher.FetchRefused} saying {@link #NOT_FETCHED} (or what {@link #remember} was told).
     */
    <T> T fetch(URI url, String requester, String what, Fetch<T> fetch) throws MetadataDocumentFetcher.FetchRefused {
        String key = url.toString();
        MetadataDocumentFetcher.FetchRefused known = failures.getIfPresent(key);
        if (known != null) {
            LOG.debugf("Outbound fetch of %s %s skipped: it failed moments ago", what, key);
            throw known;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        long wait = limits.outboundFetchFrom(requester);
        if (wait > 0) {
            LOG.infof("Outbound fetch of %s %s refused: %s caused too many fetches", what, key, requester);
            throw FetchUnavailable.tooManyFromCaller(wait);
        }
        wait = limits.cimdFetch(host);
        if (wait > 0) {
            LOG.infof("Outbound fetch of %s %s refused: too many fetches from host %s", what, key, host);
            throw FetchUnavailable.busy(wait);
        }
        try {
            Guard perHost = hostInFlight.get(host);
            Guard breaker = breakers.get(host + ":" + url.getPort());
            return call(inFlight, () -> call(perHost, () -> call(breaker, fetch::get)));
        } catch (BulkheadException e) {
            LOG.infof("Outbound fetch of %s %s refused: too many fetches in flight (to %s or in all)", what, key, host);
            throw FetchUnavailable.busy(1);
        } catch (CircuitBreakerOpenException e) {
            LOG.infof("Outbound fetch of %s %s not tried: %s failed repeatedly, its circuit breaker is open", what, key, host);
            throw new MetadataDocumentFetcher.FetchRefused(NOT_FETCHED);
        } catch (Exception e) {
            LOG.infof("Outbound fetch of %s %s (caused by %s) failed: %s: %s", what, key, requester,
                    e.getClass().getSimpleName(), oneLine(e.getMessage()));
            MetadataDocumentFetcher.FetchRefused refused = new MetadataDocumentFetcher.FetchRefused(NOT_FETCHED);
            failures.put(key, refused);
            throw refused;
        }
    }

    /** Remembers that the document at this URL, fetched, was refused (invalid), so repeats do not fetch it again. */
    public MetadataDocumentFetcher.FetchRefused remember(URI url, MetadataDocumentFetcher.FetchRefused refusal) {
        failures.put(url.toString(), refusal);
        return refusal;
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(Guard guard, Callable<T> action) throws Exception {
        return (T) guard.call((Callable<Object>) action, Object.class);
    }

    private String requester() {
        if (!Arc.container().requestContext().isActive()) {
            return "unknown";
        }
        RoutingContext context = currentRequest.getCurrent();
        if (context == null || context.request().remoteAddress() == null) {
            return "unknown";
        }
        return context.request().remoteAddress().hostAddress();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
    }
}
