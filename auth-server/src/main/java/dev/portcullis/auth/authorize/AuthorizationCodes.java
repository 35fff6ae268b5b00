package dev.portcullis.auth.authorize;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Issues authorization codes: 32 random octets, base64url; only the SHA-256 hash is stored. */
@ApplicationScoped
public class AuthorizationCodes {

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    /** Persists a code bound to everything the request carried (OAuth 2.1 §4.1.2); returns the plaintext once. */
    public String issue(PendingRequest request) {
        String code = random.next(32);
        AuthorizationCode stored = new AuthorizationCode();
        stored.codeHash = Hashes.sha256(code);
        stored.clientId = request.clientId;
        stored.redirectUri = request.redirectUri;
        stored.codeChallenge = request.codeChallenge;
        stored.scope = request.scope;
        stored.resource = request.resource;
        stored.userId = request.userId;
        stored.authTime = request.authTime;
        stored.createdAt = clock.instant();
        stored.expiresAt = stored.createdAt.plus(config.token().codeLifetime());
        stored.used = false;
        stored.persist();
        return code;
    }
}
