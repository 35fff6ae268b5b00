package dev.portcullis.auth.error;

import dev.portcullis.common.oauth.OAuthError;

/**
 * A rejection answered with an RFC 6749 §5.2 JSON error body. Carries no secrets: the description is shown to
 * the client as is.
 */
public class OAuthProblem extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthProblem(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
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
