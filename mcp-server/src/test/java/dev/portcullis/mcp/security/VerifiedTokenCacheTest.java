package dev.portcullis.mcp.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The cache serves a token exactly as long as quarkus-oidc would accept it: until {@code exp} plus the grace. */
class VerifiedTokenCacheTest {

    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static SecurityIdentity identityExpiringAt(Instant exp) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "alice";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(exp.getEpochSecond()) : null;
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).build();
    }

    @Test
    void entryIsServedWithinTheGraceAndNeverAfterIt() {
        MovableClock clock = new MovableClock(EXP.minusSeconds(60));
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofSeconds(5), clock);
        cache.put("t", identityExpiringAt(EXP));
        assertNotNull(cache.get("t"), "before exp");
        clock.now = EXP.plusSeconds(4);
        assertNotNull(cache.get("t"), "within the 5 s skew quarkus-oidc also allows");
        clock.now = EXP.plusSeconds(5);
        assertNull(cache.get("t"), "at exp + grace the token is expired for both");
        clock.now = EXP.minusSeconds(60);
        assertNull(cache.get("t"), "an expired entry is gone, not hidden");
    }

    @Test
    void tokenAlreadyPastItsGraceIsNotRemembered() {
        MovableClock clock = new MovableClock(EXP.plusSeconds(6));
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofSeconds(5), clock);
        cache.put("t", identityExpiringAt(EXP));
        clock.now = EXP.minusSeconds(1);
        assertNull(cache.get("t"));
    }

    @Test
    void withoutGraceTheEntryEndsAtExp() {
        MovableClock clock = new MovableClock(EXP.minusSeconds(1));
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ZERO, clock);
        cache.put("t", identityExpiringAt(EXP));
        assertNotNull(cache.get("t"));
        clock.now = EXP;
        assertNull(cache.get("t"));
    }
}
