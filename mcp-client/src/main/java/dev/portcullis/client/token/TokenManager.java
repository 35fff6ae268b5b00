package dev.portcullis.client.token;

import dev.portcullis.common.oauth.TokenResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Keeps a credential record usable: refreshes shortly before expiry and after a rejection. Refreshes of one record are
 * serialised by a lock shared by the whole process (refresh tokens rotate: two parallel refreshes with the same token
 * would make the server see a reuse); whoever waited re-reads the record and uses the token the first one obtained.
 * A lock file keeps other processes out too. The rotated record is stored before the new access token is handed out.
 */
public final class TokenManager {

    /** Refresh when the access token expires within this margin. */
    public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(TokenManager.class);
    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final CredentialStore store;
    private final TokenClient tokenClient;
    private final Clock clock;

    public TokenManager(CredentialStore store, TokenClient tokenClient, Clock clock) {
        this.store = store;
        this.tokenClient = tokenClient;
        this.clock = clock;
    }

    /** The record, refreshed first when its access token expires within {@link #EXPIRY_MARGIN}. */
    public StoredCredentials fresh(StoredCredentials current) {
        if (!current.expiresWithin(EXPIRY_MARGIN, clock)) {
            return current;
        }
        return refresh(current, latest -> latest.expiresWithin(EXPIRY_MARGIN, clock));
    }

    /** A record with another access token than the one the resource server rejected. */
    public StoredCredentials refreshAfterRejection(StoredCredentials rejected) {
        return refresh(rejected, latest -> latest.accessToken().equals(rejected.accessToken()));
    }

    private StoredCredentials refresh(StoredCredentials known, Predicate<StoredCredentials> stillNeeded) {
        Path file = store.fileFor(known.issuer(), known.resource());
        ReentrantLock lock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try {
            return store.withFileLock(known.issuer(), known.resource(), () -> refreshLocked(known, stillNeeded));
        } finally {
            lock.unlock();
        }
    }

    private StoredCredentials refreshLocked(StoredCredentials known, Predicate<StoredCredentials> stillNeeded) {
        StoredCredentials latest = store.load(known.issuer(), known.resource()).orElse(known);
        if (!stillNeeded.test(latest)) {
            return latest; // another request refreshed while this one waited
        }
        if (latest.refreshToken() == null) {
            throw new ReauthorizationRequiredException("The access token for " + latest.resource()
                    + " expired and no refresh token was issued. Sign in again.");
        }
        TokenResponse tokens;
        try {
            tokens = tokenClient.refresh(latest.authorizationServer(), latest.client(), latest.refreshToken(),
                    latest.resource());
        } catch (TokenRequestException e) {
            if (e.isInvalidGrant()) {
                throw new ReauthorizationRequiredException("The refresh token for " + latest.resource()
                        + " was rejected (invalid_grant). Sign in again.", e);
            }
            throw e;
        }
        StoredCredentials updated = latest.refreshed(tokens, clock);
        store.save(updated);
        LOG.debugf("Refreshed the access token for %s", latest.resource());
        return updated;
    }
}
