package dev.portcullis.auth.error;

import dev.portcullis.common.oauth.OAuthError;

/**
 * A rejection answered with an RFC 6749 §5.2 JSON error body. Carries no secrets: the description is shown to
 * the client as is.
 */
public class OAuthProblem extends RuntimeException {

    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    public OAuthProblem(int status, String error, String description) {
        this(status, error, description, 0);
    }

    private OAuthProblem(int status, String error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 Too Many Requests (RFC 6585 §4) with {@code Retry-After}; the body says temporarily_unavailable. */
    public static OAuthProblem tooManyRequests(long retryAfterSeconds) {
        return new OAuthProblem(429, OAuthError.TEMPORARILY_UNAVAILABLE, "Too many requests; retry later", Math.max(1, retryAfterSeconds));
    }

    /**
     * 429 (this caller asked too often) or 503 (the server is busy) with {@code Retry-After}, error
     * {@code temporarily_unavailable} (RFC 6749 §4.1.2.1, used here as at the token endpoint's own rate limit).
     */
    public static OAuthProblem temporarilyUnavailable(int status, long retryAfterSeconds, String description) {
        return new OAuthProblem(status, OAuthError.TEMPORARILY_UNAVAILABLE, description, Math.max(1, retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 400, the status of most §5.2 errors. */
    public static OAuthProblem badRequest(String error, String description) {
        return new OAuthProblem(400, error, description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public OAuthError body() {
        return OAuthError.of(error, getMessage());
    }
}
