package dev.portcullis.auth.token;

import java.time.Instant;
import java.util.UUID;

/**
 * What a grant handler established and the token issuer needs: who, for which client and resource, which scope.
 *
 * @param accessScope scope of the access token (may be narrower than the refresh token's on refresh)
 * @param refreshScope scope a new refresh token keeps (RFC 6749 §6)
 * @param familyId refresh token family to continue, or null for a new one
 * @param codeHash hash of the originating authorization code, or null
 */
public record IssuedGrant(String clientId, UUID userId, Instant authTime, String resource, String accessScope,
        String refreshScope, boolean refreshAllowed, UUID familyId, String codeHash) {
}
