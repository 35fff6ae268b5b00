package dev.portcullis.auth.token;

import java.time.Instant;
import java.util.UUID;

/**
 * What a grant handler established and the token issuer needs: who, for which client and resource, which scope.
 *
 * @param userId the resource owner, or null for {@code client_credentials} (the client acts for itself)
 * @param username the resource owner's name ({@code preferred_username}), or null
 * @param authTime when the user authenticated, or null
 * @param accessScope scope of the access token (may be narrower than the refresh token's on refresh)
 * @param refreshScope scope a new refresh token keeps (RFC 6749 §6)
 * @param familyId refresh token family to continue, or null for a new one
 * @param codeHash hash of the originating authorization code, or null
 */
public record IssuedGrant(String clientId, UUID userId, String username, Instant authTime, String resource,
        String accessScope, String refreshScope, boolean refreshAllowed, UUID familyId, String codeHash) {

    /** The access token's {@code sub}: the user, or the client itself (RFC 9068 §2.2). */
    public String subject() {
        return userId != null ? userId.toString() : clientId;
    }
}
