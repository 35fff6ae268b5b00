package dev.portcullis.auth.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.auth.config.PortcullisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window request counters per replica, in memory: {@code /token} per address and second, {@code /register} per
 * address and minute, outbound fetches per fetched host and minute and per causing client address and minute (limits
 * from {@code portcullis.rate-limit.*}). Each method returns 0 when allowed, else the seconds until the window ends
 * (for {@code Retry-After}).
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    @Inject
    PortcullisConfig config;

    @Inject
    Clock clock;

    /** One key's window, {@code [start, end)} in epoch seconds. */
    private record Window(long start, long end, AtomicInteger count) {
    }

    /** Each window is forgotten when it ends (on the injected clock); the least useful go first beyond the bound. */
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(MAX_KEYS)
            .expireAfter(Expiry.<String, Window>writing(
                    (key, window) -> Duration.ofMillis(Math.max(0, window.end() * 1000 - clock.millis()))))
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();

    public long token(String address) {
        return acquire("t:" + address, config.rateLimit().tokenPerSecond(), 1);
    }

    public long register(String address) {
        return acquire("r:" + address, config.rateLimit().registerPerMinute(), 60);
    }

    public long cimdFetch(String host) {
        return acquire("c:" + host, config.rateLimit().cimdFetchesPerMinute(), 60);
    }

    /** Outbound fetches caused by one client address; an IPv6 address counts per /64 (one subscriber's prefix). */
    public long outboundFetchFrom(String address) {
        return acquire("o:" + prefix64(address), config.rateLimit().outboundFetchesPerAddressPerMinute(), 60);
    }

    /** An IPv6 address as its /64 prefix; anything else unchanged. */
    static String prefix64(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A string with a colon is parsed as an IPv6 literal, never looked up in DNS
            InetAddress parsed = InetAddress.getByName(address);
            byte[] bytes = parsed.getAddress();
            if (bytes.length != 16) {
                return parsed.getHostAddress(); // ::ffff:a.b.c.d is the IPv4 address a.b.c.d
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private long acquire(String key, int limit, long windowSeconds) {
        long now = clock.millis() / 1000;
        long start = now - now % windowSeconds;
        Window window = windows.asMap().compute(key,
                (k, w) -> w == null || w.start() != start ? new Window(start, start + windowSeconds, new AtomicInteger()) : w);
        if (window.count().incrementAndGet() <= limit) {
            return 0;
        }
        return Math.max(1, start + windowSeconds - now);
    }
}
