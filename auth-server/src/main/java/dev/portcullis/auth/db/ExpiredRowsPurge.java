package dev.portcullis.auth.db;

import dev.portcullis.auth.authorize.AuthorizationCode;
import dev.portcullis.auth.authorize.AuthorizationRequest;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.token.RefreshToken;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes expired pending requests, codes, sessions and refresh tokens. */
@ApplicationScoped
public class ExpiredRowsPurge {

    /** Used codes are kept a while after expiry so that a late replay still revokes what the code produced. */
    static final Duration CODE_RETENTION = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ExpiredRowsPurge.class);

    @Inject
    Clock clock;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void purge() {
        Instant now = clock.instant();
        long requests = AuthorizationRequest.delete("expiresAt < ?1", now);
        long codes = AuthorizationCode.delete("expiresAt < ?1", now.minus(CODE_RETENTION));
        long sessions = SignInSession.delete("expiresAt < ?1", now);
        long refreshTokens = RefreshToken.delete("expiresAt < ?1", now);
        if (requests + codes + sessions + refreshTokens > 0) {
            LOG.debugf("Purged %d requests, %d codes, %d sessions, %d refresh tokens",
                    requests, codes, sessions, refreshTokens);
        }
    }
}
