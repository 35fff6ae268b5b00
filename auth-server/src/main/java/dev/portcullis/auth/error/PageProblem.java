package dev.portcullis.auth.error;

/**
 * A browser-facing failure answered with an HTML error page (status 400), never with a redirect: used when the
 * client or redirect URI cannot be trusted (OAuth 2.1 §4.1.2.1) or a pending request is unknown or expired.
 */
public class PageProblem extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public PageProblem(String message) {
        this(400, message);
    }

    public PageProblem(int status, String message) {
        this(status, message, 0);
    }

    /** A page that asks to try again later (429 or 503), with {@code Retry-After} (RFC 9110 §10.2.3). */
    public PageProblem(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
