package dev.portcullis.auth.user;

import dev.portcullis.auth.config.PortcullisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Brute-force protection of sign-in (OWASP ASVS V2.2): failures are counted per account and
 * per client address in PostgreSQL ({@code sign_in_failures}), so every replica sees the same counts. Past the
 * threshold each further failure doubles the wait ({@code portcullis.sign-in.*}); while waiting, even the right
 * password is refused. A successful sign-in clears the account's count (not the address's). Callers provide the
 * transaction.
 */
@ApplicationScoped
public class SignInThrottle {

    @Inject
    PortcullisConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** Seconds until sign-in may be tried again for this account or from this address; 0 when allowed. */
    public long retryAfterSeconds(String username, String address) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object> blocked = entityManager.createNativeQuery(
                        "SELECT blocked_until FROM sign_in_failures WHERE key IN (?1, ?2) AND blocked_until > ?3")
                .setParameter(1, accountKey(username)).setParameter(2, addressKey(address)).setParameter(3, now)
                .getResultList();
        return blocked.stream().mapToLong(t -> Duration.between(now, instant(t)).toSeconds() + 1).max().orElse(0);
    }

    public void failed(String username, String address) {
        count(accountKey(username), config.signIn().accountFailures());
        count(addressKey(address), config.signIn().addressFailures());
    }

    public void succeeded(String username) {
        entityManager.createNativeQuery("DELETE FROM sign_in_failures WHERE key = ?1")
                .setParameter(1, accountKey(username)).executeUpdate();
    }

    private void count(String key, int threshold) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("INSERT INTO sign_in_failures (key, failures, last_failure) VALUES (?1, 0, ?2) "
                + "ON CONFLICT DO NOTHING").setParameter(1, key).setParameter(2, now).executeUpdate();
        Object[] row = (Object[]) entityManager.createNativeQuery(
                        "SELECT failures, last_failure FROM sign_in_failures WHERE key = ?1 FOR UPDATE")
                .setParameter(1, key).getSingleResult();
        int failures = ((Number) row[0]).intValue();
        Instant last = instant(row[1]);
        failures = last.plus(config.signIn().failureWindow()).isBefore(now) ? 1 : failures + 1;
        Instant blockedUntil = null;
        if (failures >= threshold) {
            int doublings = Math.min(failures - threshold, 20);
            Duration wait = config.signIn().initialBackoff().multipliedBy(1L << doublings);
            blockedUntil = now.plus(wait.compareTo(config.signIn().maxBackoff()) > 0 ? config.signIn().maxBackoff() : wait);
        }
        entityManager.createNativeQuery("UPDATE sign_in_failures SET failures = ?1, last_failure = ?2, blocked_until = ?3 "
                        + "WHERE key = ?4").setParameter(1, failures).setParameter(2, now)
                .setParameter(3, blockedUntil == null ? null : Timestamp.from(blockedUntil)).setParameter(4, key).executeUpdate();
    }

    /** A timestamptz as the driver and Hibernate return it from a native query. */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }

    private static String accountKey(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > 150 ? name.substring(0, 150) : name);
    }

    private static String addressKey(String address) {
        return "addr:" + (address == null ? "unknown" : address);
    }
}
