package dev.portcullis.auth.authorize;

/**
 * An authorization request refused at the client's redirect URI (OAuth 2.1 §4.1.2.1): raised only once the client and
 * its redirect URI are established ({@link AuthorizationRequest}), answered by {@link AuthorizeResource} with a 302
 * carrying {@code error}, {@code error_description}, {@code state} and {@code iss} (RFC 9207). Before that point a
 * refusal is a {@link dev.portcullis.auth.error.PageProblem}. The description is shown to the client as is.
 */
public class RedirectProblem extends RuntimeException {

    private final String redirectUri;
    private final String error;
    private final String state;

    /** {@code redirectUri}: a registered redirect URI of the client, never one merely sent. */
    RedirectProblem(String redirectUri, String state, String error, String description) {
        super(description, null, false, false);
        this.redirectUri = redirectUri;
        this.state = state;
        this.error = error;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }

    /** The OAuth error code (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6). */
    public String error() {
        return error;
    }
}
