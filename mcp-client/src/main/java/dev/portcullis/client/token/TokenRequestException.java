package dev.portcullis.client.token;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.common.oauth.OAuthError;

/** The token endpoint refused a request with an OAuth error (RFC 6749 §5.2). */
public class TokenRequestException extends AuthorizationRequiredException {

    private final transient OAuthError error;

    public TokenRequestException(String message, OAuthError error) {
        super(message);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }

    /** The grant (code or refresh token) is invalid, expired or revoked: only a new authorization helps. */
    public boolean isInvalidGrant() {
        return OAuthError.INVALID_GRANT.equals(error.error());
    }
}
