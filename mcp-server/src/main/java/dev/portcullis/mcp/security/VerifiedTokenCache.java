package dev.portcullis.mcp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Identities of access tokens that quarkus-oidc has fully verified (signature, issuer, audience, expiry), kept until
 * the token expires so that a client's next request with the same token costs a hash lookup instead of a signature
 * verification. Keyed by the exact token string, bounded in size; an entry never outlives its token's {@code exp}.
 * What is not re-checked on a hit is what cannot change for a given token: JWTs are not revocable here.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    private final Cache<String, Entry> cache;
    private final Clock clock;
    private final boolean enabled;

    record Entry(SecurityIdentity identity, Instant expires) {
    }

    VerifiedTokenCache(ResourceServerConfig config, Clock clock) {
        this.clock = clock;
        this.enabled = config.tokenCache().maxSize() > 0;
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(1, config.tokenCache().maxSize()))
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

    /** Remembers a verified identity until its token's expiry. */
    void put(String token, SecurityIdentity identity) {
        if (enabled && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            cache.put(token, new Entry(identity, Instant.ofEpochSecond(jwt.getExpirationTime())));
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
