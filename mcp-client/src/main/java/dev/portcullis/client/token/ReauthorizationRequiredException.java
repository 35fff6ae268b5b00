package dev.portcullis.client.token;

import dev.portcullis.client.AuthorizationRequiredException;

/** Stored credentials can no longer be refreshed (no refresh token, or {@code invalid_grant}): sign in again. */
public class ReauthorizationRequiredException extends AuthorizationRequiredException {

    public ReauthorizationRequiredException(String message) {
        super(message);
    }

    public ReauthorizationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
