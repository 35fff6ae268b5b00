package dev.portcullis.auth.db;

import dev.portcullis.auth.authorize.AuthorizationCode;
import dev.portcullis.auth.authorize.PendingRequest;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.token.RefreshToken;
import dev.portcullis.auth.token.RevokedAccessToken;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes expired pending requests, codes, sessions, refresh tokens, revoked-access-token and assertion-jti records,
 * forgotten sign-in failures, and dynamic registrations never used within {@code portcullis.registration.unused-lifetime}.
 * Every replica may run it: the statements are idempotent.
 */
@ApplicationScoped
public class ExpiredRowsPurge {

    /** Used codes are kept a while after expiry so that a late replay still revokes what the code produced. */
    static final Duration CODE_RETENTION = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ExpiredRowsPurge.class);

    @Inject
    Clock clock;

    @Inject
    PortcullisConfig config;

    @Inject
    EntityManager entityManager;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        DatabaseOutage.skipWhileDown("Purge of expired rows", () -> QuarkusTransaction.requiringNew().run(this::purge));
    }

    @Transactional
    public void purge() {
        Instant now = clock.instant();
        long requests = PendingRequest.delete("expiresAt < ?1", now);
        long codes = AuthorizationCode.delete("expiresAt < ?1", now.minus(CODE_RETENTION));
        long sessions = SignInSession.delete("expiresAt < ?1", now);
        long refreshTokens = RefreshToken.delete("expiresAt < ?1", now);
        long revoked = RevokedAccessToken.delete("expiresAt < ?1", now);
        long jtis = entityManager.createNativeQuery("DELETE FROM client_assertion_jtis WHERE expires_at < ?1")
                .setParameter(1, now).executeUpdate();
        long failures = entityManager.createNativeQuery("DELETE FROM sign_in_failures WHERE last_failure < ?1 "
                        + "AND (blocked_until IS NULL OR blocked_until < ?2)")
                .setParameter(1, now.minus(config.signIn().failureWindow())).setParameter(2, now).executeUpdate();
        // Dynamic registrations (they have a registration access token) never used for a token request.
        long clients = Client.delete("registrationTokenHash is not null and lastUsedAt is null and createdAt < ?1",
                now.minus(config.registration().unusedLifetime()));
        if (requests + codes + sessions + refreshTokens + revoked + jtis + failures + clients > 0) {
            LOG.infof("Purged %d requests, %d codes, %d sessions, %d refresh tokens, %d revoked access tokens, "
                    + "%d assertion ids, %d sign-in failure records, %d unused registrations",
                    requests, codes, sessions, refreshTokens, revoked, jtis, failures, clients);
        }
    }
}
