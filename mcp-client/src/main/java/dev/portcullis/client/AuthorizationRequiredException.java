package dev.portcullis.client;

/** The user must (re-)authorize: sign-in refused, cancelled, timed out, or the callback could not be trusted. */
public class AuthorizationRequiredException extends McpClientException {

    public AuthorizationRequiredException(String message) {
        super(message);
    }

    public AuthorizationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
