package dev.portcullis.auth.error;

import dev.portcullis.common.oauth.OAuthError;

/**
 * A request refused at the edge because it could not be read as the protocol says (malformed encoding, control
 * characters, limits, repeated parameters, several credentials). Answered 400 (or 413 for bodies over the limit) in
 * the format of the endpoint called (OAuth JSON or the HTML error page, {@link ErrorAnswers}) and logged on one line,
 * without a stack trace. The description is shown to the client as is: it names a parameter, never a value.
 */
public class MalformedRequest extends RuntimeException {

    private final int status;
    private final String error;

    /** RFC 6749 §5.2 invalid_request: "... or is otherwise malformed". */
    public MalformedRequest(String description) {
        this(400, OAuthError.INVALID_REQUEST, description);
    }

    public MalformedRequest(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
