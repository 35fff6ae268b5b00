package dev.portcullis.client.http;

import dev.portcullis.client.TransientException;
import io.smallrye.faulttolerance.api.Guard;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * SmallRye Fault Tolerance around every outbound request: a timeout per attempt and a circuit breaker per host (a
 * host that keeps failing is left alone for {@link #BREAKER_DELAY}); retries only of failures that are transient
 * and safe to repeat: a connection that could not be made (nothing was sent), or 502/503/504 for idempotent requests;
 * for requests that must not run twice (token, registration, revocation, tools/call) only a refused connection and
 * 503 (the server says it did not take the request). Never a 4xx, never a request timed out mid-way.
 */
public final class Resilience {

    /** Whether a request may be repeated after the server might have acted on it. */
    public enum Policy {
        IDEMPOTENT,
        AT_MOST_ONCE
    }

    static final int MAX_RETRIES = 2;
    static final Duration BREAKER_DELAY = Duration.ofSeconds(10);

    private final Duration attemptTimeout;
    private final ConcurrentMap<String, Guard> hosts = new ConcurrentHashMap<>();
    private final Guard retryIdempotent;
    private final Guard retryAtMostOnce;

    Resilience(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        this.retryIdempotent = retrying(e -> e instanceof ConnectFailed || e instanceof ServerUnavailable);
        this.retryAtMostOnce = retrying(e -> e instanceof ConnectFailed
                || e instanceof ServerUnavailable u && u.status == 503);
    }

    private static Guard retrying(Predicate<Throwable> transientFailure) {
        return Guard.create()
                .withRetry().maxRetries(MAX_RETRIES).delay(200, ChronoUnit.MILLIS).jitter(100, ChronoUnit.MILLIS)
                .whenException(transientFailure).done()
                .build();
    }

    /** Runs one request with the host's circuit breaker and timeout, retried as the policy allows. */
    HttpResult execute(URI url, Policy policy, Supplier<HttpResult> attempt) {
        return guarded(url, policy, () -> checked(attempt.get()), HttpResult.class);
    }

    /**
     * Runs {@code attempt} with the host's guards. The attempt signals a retryable failure by throwing
     * {@link ConnectFailed} or {@link ServerUnavailable}; when retries are used up, the answer a ServerUnavailable
     * carries is returned (or thrown, when it is an exception).
     */
    @SuppressWarnings("unchecked")
    <T> T guarded(URI url, Policy policy, Supplier<T> attempt, Class<T> type) {
        Guard host = hosts.computeIfAbsent(hostKey(url), key -> Guard.create()
                .withDescription("outbound requests to " + key)
                .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.75).successThreshold(1)
                .delay(BREAKER_DELAY.toMillis(), ChronoUnit.MILLIS)
                .failOn(List.of(TransientException.class, TimeoutException.class)).done()
                .withTimeout().duration(attemptTimeout.toMillis(), ChronoUnit.MILLIS).done()
                .build());
        Guard retry = policy == Policy.IDEMPOTENT ? retryIdempotent : retryAtMostOnce;
        try {
            return retry.get(() -> host.get(attempt, type), type);
        } catch (ServerUnavailable e) {
            if (e.answer instanceof RuntimeException thrown) {
                throw thrown;
            }
            return (T) e.answer; // retries used up: the caller reports the status
        } catch (CircuitBreakerOpenException e) {
            throw new TransientException(url.getHost() + " failed repeatedly; this client leaves it alone for "
                    + BREAKER_DELAY.toSeconds() + " s. Check that the server is up and try again then.", e);
        } catch (TimeoutException e) {
            throw new TransientException("No answer from " + url.getHost() + " within " + attemptTimeout.toSeconds()
                    + " s. The request may or may not have been processed; check before repeating it.", e);
        }
    }

    private static HttpResult checked(HttpResult result) {
        int status = result.status();
        if (unavailable(status)) {
            throw new ServerUnavailable(status, result);
        }
        return result;
    }

    private static String hostKey(URI url) {
        return (url.getScheme() + "://" + url.getHost() + ":" + url.getPort()).toLowerCase(Locale.ROOT);
    }

    static boolean unavailable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** A connection could not be established: the request was not sent. */
    static final class ConnectFailed extends TransientException {
        ConnectFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** 502/503/504 inside the guards; turned back into the answer when retries are used up. */
    static final class ServerUnavailable extends TransientException {
        final int status;
        final transient Object answer;

        ServerUnavailable(int status, Object answer) {
            super("HTTP " + status);
            this.status = status;
            this.answer = answer;
        }
    }
}
