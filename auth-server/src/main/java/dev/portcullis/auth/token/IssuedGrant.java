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

    /** An authorization code redeemed: the user's grant, a new refresh token family when the client may refresh. */
    public static IssuedGrant fromCode(String clientId, UUID userId, String username, Instant authTime, String resource,
            String scope, boolean refreshAllowed, String codeHash) {
        return new IssuedGrant(clientId, userId, username, authTime, resource, scope, scope, refreshAllowed, null,
                codeHash);
    }

    /** {@code client_credentials}: the client acting for itself; no user, no refresh token (OAuth 2.1 §4.2). */
    public static IssuedGrant forClient(String clientId, String resource, String scope) {
        return new IssuedGrant(clientId, null, null, null, resource, scope, null, false, null, null);
    }

    /**
     * A refresh: the family of {@code token} continues with its grant; the access token gets {@code narrowedScope}
     * when the request asked for less (RFC 6749 §6), the refresh token keeps the original scope.
     */
    public static IssuedGrant continuing(RefreshToken token, String username, String narrowedScope) {
        return new IssuedGrant(token.clientId, token.userId, username, token.authTime, token.resource,
                narrowedScope != null ? narrowedScope : token.scope, token.scope, true, token.familyId, token.codeHash);
    }

    /** The access token's {@code sub}: the user, or the client itself (RFC 9068 §2.2). */
    public String subject() {
        return userId != null ? userId.toString() : clientId;
    }
}
