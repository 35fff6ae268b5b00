package dev.portcullis.client.token;

import dev.portcullis.common.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps a credential record usable: refreshes shortly before expiry and after a rejection. Refreshes of one record are
 * serialised by the store's lock (refresh tokens rotate: two parallel refreshes with the same token would make the
 * server see a reuse; {@link FileCredentialStore} excludes other processes too); whoever waited re-reads the record
 * and, when it holds other tokens than the ones the caller started from and those are not about to expire, uses them
 * instead of refreshing again. The rotated record is stored before the new access token is handed out.
 *
 * <p>"Someone else already refreshed" is decided by the tokens (see {@link StoredCredentials#replacedBy}), not by
 * expiry alone: a test of expiry cannot tell a token just stored by another process from the stale one whenever the
 * margin is as long as the token's life, and then every waiting process refreshed once more.
 */
public final class TokenManager {

    /**
     * The longest refresh margin: a token that expires within it is refreshed before use. It is there so that a token
     * found valid here is still valid when the resource server checks it (the request's transit and retries, the
     * resource server's own clock); 30 s is ample for that. A token that expires in flight all the same is answered
     * {@code 401} and replaced by {@link #refreshAfterRejection}, so the margin saves a round trip, nothing more.
     */
    public static final Duration MAX_EXPIRY_MARGIN = Duration.ofSeconds(30);

    /**
     * The margin is at most this share (1/10) of the token's lifetime, so that short-lived tokens are used for 90% of
     * their life: with a fixed 30 s margin a token living 30 s or less counted as expiring from the moment it was
     * issued and was refreshed on every request. A one-hour token gets the full {@link #MAX_EXPIRY_MARGIN}, a 6 s one
     * 0.6 s.
     */
    static final int LIFETIME_SHARE_DIVISOR = 10;

    private static final Logger LOG = Logger.getLogger(TokenManager.class);

    private final CredentialStore store;
    private final TokenClient tokenClient;
    private final Clock clock;

    public TokenManager(CredentialStore store, TokenClient tokenClient, Clock clock) {
        this.store = store;
        this.tokenClient = tokenClient;
        this.clock = clock;
    }

    /**
     * The refresh margin for a record: a tenth of its token's lifetime, at most {@link #MAX_EXPIRY_MARGIN}; the full
     * maximum when the lifetime is unknown (records written before the issue time was kept, until their next refresh).
     */
    static Duration marginFor(StoredCredentials credentials) {
        Duration lifetime = credentials.lifetime();
        if (lifetime == null) {
            return MAX_EXPIRY_MARGIN;
        }
        Duration share = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(LIFETIME_SHARE_DIVISOR);
        return share.compareTo(MAX_EXPIRY_MARGIN) < 0 ? share : MAX_EXPIRY_MARGIN;
    }

    /** The record, refreshed first when its access token expires within its {@link #marginFor margin}. */
    public StoredCredentials fresh(StoredCredentials current) {
        if (!expiring(current)) {
            return current;
        }
        return refresh(current);
    }

    /** A record with another access token than the one the resource server rejected. */
    public StoredCredentials refreshAfterRejection(StoredCredentials rejected) {
        return refresh(rejected);
    }

    private boolean expiring(StoredCredentials credentials) {
        return credentials.expiresWithin(marginFor(credentials), clock);
    }

    private StoredCredentials refresh(StoredCredentials known) {
        return store.withLock(known.issuer(), known.resource(), () -> refreshLocked(known));
    }

    private StoredCredentials refreshLocked(StoredCredentials known) {
        StoredCredentials latest = store.load(known.issuer(), known.resource()).orElse(known);
        if (known.replacedBy(latest) && !expiring(latest)) {
            return latest; // another request or process refreshed while this one waited
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
