package dev.portcullis.client;

/**
 * The resource server refused the request with 403 for a reason no other token of this user changes (anything but
 * {@code insufficient_scope}, which leads to a step-up instead): the user lacks access, not a sign-in.
 */
public class AccessDeniedException extends McpClientException {

    private final int status;

    public AccessDeniedException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the refusal (403). */
    public int status() {
        return status;
    }
}
