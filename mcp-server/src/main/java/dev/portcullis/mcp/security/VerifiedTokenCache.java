package dev.portcullis.mcp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Identities of access tokens that quarkus-oidc has fully verified (signature, issuer, audience, expiry), kept until
 * the token expires so that a client's next request with the same token costs a hash lookup instead of a signature
 * verification. Keyed by the exact token string, bounded in size; an entry never outlives its token's {@code exp}.
 * What is not re-checked on a hit is what cannot change for a given token: JWTs are not revocable here. The clock
 * skew allowed after {@code exp} is quarkus-oidc's ({@code quarkus.oidc.token.lifespan-grace}): an entry lives until
 * {@code exp} plus that grace, exactly as long as a full verification would still accept the token, and no longer.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    private final Cache<String, Entry> cache;
    private final Clock clock;
    private final boolean enabled;
    private final Duration grace;

    record Entry(SecurityIdentity identity, Instant expires) {
    }

    @Inject
    VerifiedTokenCache(ResourceServerConfig config, Clock clock,
            @ConfigProperty(name = "quarkus.oidc.token.lifespan-grace") OptionalInt lifespanGrace) {
        this(config.tokenCache().maxSize(), Duration.ofSeconds(lifespanGrace.orElse(0)), clock);
    }

    VerifiedTokenCache(int maxSize, Duration grace, Clock clock) {
        this.clock = clock;
        this.enabled = maxSize > 0;
        this.grace = grace.isNegative() ? Duration.ZERO : grace;
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(1, maxSize))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return Math.max(0, Duration.between(clock.instant(), entry.expires()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /** Remembers a verified identity until its token's expiry plus the allowed clock skew. */
    void put(String token, SecurityIdentity identity) {
        if (enabled && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime()).plus(grace);
            if (clock.instant().isBefore(expires)) {
                cache.put(token, new Entry(identity, expires));
            }
        }
    }

    /** The identity of a token verified before and not yet expired, or {@code null}. */
    SecurityIdentity get(String token) {
        if (!enabled) {
            return null;
        }
        Entry entry = cache.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expires())) {
            cache.invalidate(token);
            return null;
        }
        return entry.identity();
    }
}
