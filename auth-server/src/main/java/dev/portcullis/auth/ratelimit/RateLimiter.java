package dev.portcullis.auth.ratelimit;

import dev.portcullis.auth.config.PortcullisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window request counters per replica, in memory: {@code /token} per address and second, {@code /register} per
 * address and minute, Client ID Metadata Document fetches per host and minute (limits from
 * {@code portcullis.rate-limit.*}). Each method returns 0 when allowed, else the seconds until the window ends
 * (for {@code Retry-After}).
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    @Inject
    PortcullisConfig config;

    @Inject
    Clock clock;

    private record Window(long start, AtomicInteger count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public long token(String address) {
        return acquire("t:" + address, config.rateLimit().tokenPerSecond(), 1);
    }

    public long register(String address) {
        return acquire("r:" + address, config.rateLimit().registerPerMinute(), 60);
    }

    public long cimdFetch(String host) {
        return acquire("c:" + host, config.rateLimit().cimdFetchesPerMinute(), 60);
    }

    private long acquire(String key, int limit, long windowSeconds) {
        long now = clock.millis() / 1000;
        long start = now - now % windowSeconds;
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.start() < start - windowSeconds);
        }
        Window window = windows.compute(key, (k, w) -> w == null || w.start() != start ? new Window(start, new AtomicInteger()) : w);
        if (window.count().incrementAndGet() <= limit) {
            return 0;
        }
        return Math.max(1, start + windowSeconds - now);
    }
}
