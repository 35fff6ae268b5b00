package dev.portcullis.auth.error;

/**
 * A browser-facing failure answered with an HTML error page (status 400), never with a redirect: used when the
 * client or redirect URI cannot be trusted (OAuth 2.1 §4.1.2.1) or a pending request is unknown or expired.
 */
public class PageProblem extends RuntimeException {

    private final int status;

    public PageProblem(String message) {
        this(400, message);
    }

    public PageProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
